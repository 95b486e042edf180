/**
 * The VPC Lattice rules through `transit-guard evaluate --format json` as a user runs it, in each input format
 * the family reads (get-listener, list-listeners, and list-listeners as a Cloud Custodian placebo recording):
 * a failing listener, a compliant near miss and one that cannot be verified; then `replay` of a CloudTrail
 * CreateListener against an inventory.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../../shared/report/report.js';
import { replayAgainstInventory, runCliCaptured } from '../../../helpers/run-cli.js';

const INPUTS = new URL('../../../fixtures/inputs/', import.meta.url);
const EVENTS = new URL('../../../fixtures/events/', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely in tests
const input = (name: string): any => JSON.parse(readFileSync(new URL(name, INPUTS), 'utf8'));

const GET_LISTENER = input('vpc-lattice-get-listener.json');
const LISTED = input('vpc-lattice-list-listeners.json').items[1];

/** One listener in each format the family reads, with its protocol set (undefined: left out). */
const FORMATS: [string, (protocol: string | undefined) => unknown][] = [
  ['get-listener', (protocol) => ({ ...GET_LISTENER, protocol })],
  ['list-listeners', (protocol) => ({ items: [{ ...LISTED, protocol }] })],
  [
    'list-listeners (placebo recording)',
    (protocol) => ({ status_code: 200, data: { ResponseMetadata: {}, items: [{ ...LISTED, protocol }] } }),
  ],
];

describe('transit-guard evaluate on VPC Lattice listeners', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-lattice-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function evaluate(document: unknown, policy?: string) {
    const path = join(directory, 'input.json');
    await writeFile(path, JSON.stringify(document));
    const argv = ['evaluate', path, '--format', 'json', '--now', '2026-11-22T00:00:00Z'];
    if (policy !== undefined) {
      await writeFile(join(directory, 'policy.yml'), policy);
      argv.push('--policy', join(directory, 'policy.yml'));
    }
    const run = await runCliCaptured(argv, { cwd: directory });
    const report = JSON.parse(run.stdout) as Report;
    const verdict = (ruleId: string) => report.evaluations.find((e) => e.ruleId === ruleId);
    return { code: run.code, report, verdict, stderr: run.stderr };
  }

  describe.each(FORMATS)('from %s output', (_format, listenerWith) => {
    it('fails an HTTP listener (exit 1)', async () => {
      // Act
      const { code, verdict } = await evaluate(listenerWith('HTTP'));

      // Assess
      expect(code).toBe(1);
      expect(verdict('vpc-lattice-listener-plaintext')).toMatchObject({
        status: 'NON_COMPLIANT',
        severity: 'medium',
      });
      expect(verdict('vpc-lattice-listener-tls-policy')?.status).toBe('NOT_APPLICABLE');
    });

    it('passes a TLS_PASSTHROUGH listener on both rules (exit 0)', async () => {
      // Act
      const { code, verdict } = await evaluate(listenerWith('TLS_PASSTHROUGH'));

      // Assess
      expect(code).toBe(0);
      expect(verdict('vpc-lattice-listener-plaintext')?.status).toBe('COMPLIANT');
      expect(verdict('vpc-lattice-listener-tls-policy')?.status).toBe('COMPLIANT');
    });

    it('reports an HTTPS listener at info under the default policy, and passes it where CBC and static RSA are allowed', async () => {
      // Act
      const strict = await evaluate(listenerWith('HTTPS'));
      const lenient = await evaluate(
        listenerWith('HTTPS'),
        'version: 1\ntls:\n  allowedCipherClasses: [tls13, ecdhe-aead, ecdhe-cbc-sha1, rsa-aead, rsa-cbc]\n',
      );

      // Assess
      expect(strict.verdict('vpc-lattice-listener-plaintext')?.status).toBe('COMPLIANT');
      expect(strict.verdict('vpc-lattice-listener-tls-policy')).toMatchObject({
        status: 'NON_COMPLIANT',
        severity: 'info',
      });
      expect(strict.verdict('vpc-lattice-listener-tls-policy')?.reason).toContain('TLS_PASSTHROUGH');
      expect(lenient.verdict('vpc-lattice-listener-tls-policy')?.status).toBe('COMPLIANT');
      expect(lenient.code).toBe(0);
    });

    it('cannot verify a listener without a protocol: NON_COMPLIANT on both rules, never a pass (exit 1)', async () => {
      // Act
      const { code, verdict } = await evaluate(listenerWith(undefined));

      // Assess
      expect(code).toBe(1);
      for (const ruleId of ['vpc-lattice-listener-plaintext', 'vpc-lattice-listener-tls-policy']) {
        expect(verdict(ruleId)?.status, ruleId).toBe('NON_COMPLIANT');
        expect(verdict(ruleId)?.reason, ruleId).toContain('cannot be verified');
      }
    });
  });

  it('names the field of a listener record without an ARN, and still judges the others', async () => {
    // Prepare
    const other = `${LISTED.arn.replace(/listener-[0-9a-f]+$/, '')}listener-0c0c0c0c0c0c0c0c0`;

    // Act
    const { report } = await evaluate({
      items: [LISTED, { ...LISTED, arn: other, protocol: 'HTTP' }, { ...LISTED, arn: undefined }],
    });

    // Assess
    expect(report.errors.map((error) => error.message)).toEqual([
      'vpc-lattice list-listeners: items[2].arn: missing; the listener is left out',
    ]);
    const judged = report.evaluations.filter((e) => e.ruleId === 'vpc-lattice-listener-plaintext');
    expect(judged.map((e) => e.status).sort()).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
  });

  it('says which listed services have no listener in the inputs: their listeners are unknown', async () => {
    // Prepare
    await writeFile(
      join(directory, 'services.json'),
      readFileSync(new URL('vpc-lattice-list-services.json', INPUTS)),
    );
    await writeFile(
      join(directory, 'listeners.json'),
      readFileSync(new URL('vpc-lattice-list-listeners.json', INPUTS)),
    );

    // Act
    const run = await runCliCaptured(
      ['evaluate', join(directory, 'services.json'), join(directory, 'listeners.json'), '--format', 'json'],
      { cwd: directory },
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    const messages = report.errors.map((error) => error.message);
    expect(messages).toEqual([
      expect.stringContaining(
        'VPC Lattice service inventory (svc-0c3d4e5f60718293a): none of its listeners is in the inputs',
      ),
    ]);
    expect(report.evaluations.filter((e) => e.ruleId === 'vpc-lattice-listener-plaintext')).toHaveLength(2);
  });
});

describe('transit-guard replay of a VPC Lattice CreateListener', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-lattice-replay-'));
    await mkdir(join(directory, 'inventory'));
    await cp(
      new URL('vpc-lattice-list-listeners.json', INPUTS),
      join(directory, 'inventory', 'listeners.json'),
    );
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('judges only the listener the call created, from the inventory', async () => {
    // Act
    const run = await replayAgainstInventory(
      directory,
      new URL('cloudtrail-vpc-lattice-create-listener.json', EVENTS).pathname,
    );
    const report = JSON.parse(run.stdout) as Report;

    // Assess
    expect(run.code).toBe(1);
    expect(new Set(report.evaluations.map((e) => e.resourceId))).toEqual(
      new Set([
        'arn:aws:vpc-lattice:eu-west-1:111122223333:service/svc-0a1b2c3d4e5f60718/listener/listener-0f1e2d3c4b5a69788',
      ]),
    );
    expect(report.evaluations.find((e) => e.ruleId === 'vpc-lattice-listener-plaintext')?.status).toBe(
      'NON_COMPLIANT',
    );
  });
});
