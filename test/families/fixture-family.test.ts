/**
 * Adding a family is one folder plus its lines in the registry (docs/architecture.md, "How to add a family").
 * This test follows that checklist with a small but complete fixture family, test/fixtures/family/gadget/, laid
 * out as shared/families/<id>/ is, and adds it to FAMILIES with one vi.mock of the registry. With no other
 * edit, the CLI judges its input files with its rule, the router routes its events, the live source reads it,
 * and the generated event patterns, IAM statements and SCP, and the reports, include it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createRegionalClients } from '../../shared/aws/clients.js';
import { routeEvent } from '../../shared/events/route.js';
import { eventPatterns, familyIamStatements } from '../../shared/infra/deployment.js';
import { createAwsInventorySource } from '../../shared/inventory/live/source.js';
import { consoleLink } from '../../shared/report/slack/console-link.js';
import { REMEDIATION_IAM_ACTIONS } from '../../shared/response/remediators/index.js';
import { loadEvent } from '../fixtures/events/load.js';
import { FAKE_CREDENTIALS } from '../fixtures/wire/http.js';
import { matchesEventPattern } from '../helpers/event-pattern.js';
import { runCliCaptured } from '../helpers/run-cli.js';

// The registry line: FAMILIES as shared/families/index.ts lists them, plus the fixture family.
vi.mock('../../shared/families/index.js', async (importOriginal) => {
  const registry = await importOriginal<typeof import('../../shared/families/index.js')>();
  const { gadgetFamily: fixture } = await import('../fixtures/family/gadget/index.js');
  return { ...registry, FAMILIES: [...registry.FAMILIES, fixture] };
});

const ENDPOINT = 'AWS::Gadget::Endpoint';
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const TLS = `arn:aws:gadget:${REGION}:${ACCOUNT}:endpoint/ep-0a1b2c3d`;
const PLAINTEXT = `arn:aws:gadget:${REGION}:${ACCOUNT}:endpoint/ep-4e5f6a7b`;
const NOW = '2026-12-01T00:00:00Z';

/** Reference data of the fixture family (AWS's shapes, an invented service). */
const reference = (name: string) =>
  fileURLToPath(new URL(`../fixtures/family/gadget/reference/${name}`, import.meta.url));
const INPUT = reference('gadget-describe-endpoints.json');
const REMEDIATE_POLICY = fileURLToPath(
  new URL('../fixtures/family/gadget/remediate.policy.yml', import.meta.url),
);

async function readEvent(name: string): Promise<unknown> {
  return JSON.parse(await readFile(reference(name), 'utf8'));
}

interface JsonReport {
  evaluations: {
    ruleId: string;
    status: string;
    resourceType: string;
    resourceId: string;
    response?: unknown;
  }[];
  summary: { kpis: Record<string, unknown> };
}

describe('a family added to the registry, and nothing else', () => {
  describe('the CLI', () => {
    it('evaluates its describe output with its rule (JSON)', async () => {
      // Act
      const run = await runCliCaptured(['evaluate', INPUT, '--format', 'json', '--now', NOW]);

      // Assess
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(
        report.evaluations.map(({ ruleId, status, resourceType, resourceId }) => [
          ruleId,
          status,
          resourceType,
          resourceId,
        ]),
      ).toEqual([
        ['gadget-endpoint-tls', 'COMPLIANT', ENDPOINT, TLS],
        ['gadget-endpoint-tls', 'NON_COMPLIANT', ENDPOINT, PLAINTEXT],
      ]);
      expect(report.summary.kpis.gadgetEndpointsTls).toEqual({ compliant: 1, total: 2, percent: 50 });
    });

    it('plans its remediator with its command table when the policy says remediate', async () => {
      // Act
      const run = await runCliCaptured([
        'evaluate',
        INPUT,
        '--format',
        'json',
        '--now',
        NOW,
        '--policy',
        REMEDIATE_POLICY,
      ]);

      // Assess
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as JsonReport;
      const plaintext = report.evaluations.find((evaluation) => evaluation.resourceId === PLAINTEXT);
      expect(plaintext?.response).toMatchObject({
        mode: 'remediate',
        status: 'dry-run',
        action: 'enable-gadget-tls',
        calls: [
          {
            service: 'gadget',
            command: 'UpdateEndpoint',
            input: { EndpointArn: PLAINTEXT, TlsEnabled: true },
          },
        ],
      });
    });

    it('evaluates it in the table, with its KPI row', async () => {
      // Act
      const run = await runCliCaptured(['evaluate', INPUT, '--now', NOW]);

      // Assess
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('gadget-endpoint-tls');
      expect(run.stdout).toContain('legacy-feed');
      expect(run.stdout).toMatch(/\n {2}Gadget endpoints with TLS +1\/2 \(50%\)\n/);
    });

    it('lists its rule in the catalog, with the modes its remediator allows', async () => {
      // Act
      const json = await runCliCaptured(['rules', '--format', 'json']);
      const table = await runCliCaptured(['rules']);

      // Assess
      const catalog = JSON.parse(json.stdout) as { id: string; family: string; modes: string[] }[];
      expect(catalog.at(-1)).toMatchObject({
        id: 'gadget-endpoint-tls',
        family: 'gadget',
        resourceTypes: [ENDPOINT],
        modes: ['off', 'notify', 'remediate'],
      });
      expect(table.stdout).toMatch(
        /\ngadget-endpoint-tls +high +Gadget::Endpoint +off, notify\*, remediate +Gadget endpoint without TLS\n/,
      );
    });

    it('replays its CloudTrail call against its input files', async () => {
      // Act
      const run = await runCliCaptured([
        'replay',
        reference('cloudtrail-gadget-update-endpoint.json'),
        '--inventory',
        INPUT,
        '--format',
        'json',
        '--now',
        NOW,
      ]);

      // Assess
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(
        report.evaluations.map(({ ruleId, status, resourceId }) => [ruleId, status, resourceId]),
      ).toEqual([['gadget-endpoint-tls', 'NON_COMPLIANT', PLAINTEXT]]);
    });
  });

  describe('the event router', () => {
    it('routes its CloudTrail call to its resource', async () => {
      // Act
      const result = routeEvent(await readEvent('cloudtrail-gadget-update-endpoint.json'));

      // Assess
      expect(result).toMatchObject({
        kind: 'inspect',
        eventName: 'UpdateEndpoint',
        refs: [{ resourceType: ENDPOINT, resourceId: PLAINTEXT, accountId: ACCOUNT, region: REGION }],
      });
    });

    it('ignores its other calls as out of scope, in its words', async () => {
      // Prepare
      const event = (await readEvent('cloudtrail-gadget-update-endpoint.json')) as {
        detail: { eventName: string };
      };
      event.detail.eventName = 'TagResource';

      // Act
      const result = routeEvent(event);

      // Assess
      expect(result).toMatchObject({ kind: 'ignore', reason: 'TagResource is out of scope for Gadget' });
    });

    it('routes its native event and its Config item change', async () => {
      // Act
      const native = routeEvent(await readEvent('gadget-endpoint-tls-changed.json'));
      const config = routeEvent(await readEvent('config-change-gadget-endpoint.json'));

      // Assess
      const ref = { resourceType: ENDPOINT, resourceId: PLAINTEXT, accountId: ACCOUNT, region: REGION };
      expect(native).toMatchObject({
        kind: 'inspect',
        eventName: 'Gadget Endpoint TLS Changed',
        refs: [ref],
      });
      expect(config).toMatchObject({ kind: 'inspect', refs: [ref] });
    });
  });

  describe('the live source', () => {
    it('sweeps it with its own client and readers, and reads one endpoint again', async () => {
      // Prepare
      const source = createAwsInventorySource(createRegionalClients({ credentials: FAKE_CREDENTIALS }));

      // Act
      const swept = await source.enumerate(REGION, ['gadget']);
      const read = await source.read([
        { resourceType: ENDPOINT as never, resourceId: PLAINTEXT, accountId: ACCOUNT, region: REGION },
        {
          resourceType: ENDPOINT as never,
          resourceId: `arn:aws:gadget:${REGION}:${ACCOUNT}:endpoint/ep-gone`,
          accountId: ACCOUNT,
          region: REGION,
        },
      ]);

      // Assess
      expect(swept.errors).toEqual([]);
      expect(swept.resources.map((resource) => [resource.resourceId, resource.source])).toEqual([
        [TLS, 'api:DescribeEndpoints (gadget describe-endpoints)'],
        [PLAINTEXT, 'api:DescribeEndpoints (gadget describe-endpoints)'],
      ]);
      expect(read.resources).toMatchObject([{ resourceId: PLAINTEXT, tlsEnabled: false }]);
      expect(read.gone.map((ref) => ref.resourceId)).toEqual([
        `arn:aws:gadget:${REGION}:${ACCOUNT}:endpoint/ep-gone`,
      ]);
    });
  });

  describe('the generated deployment', () => {
    it('receives its calls, its native events and its Config items in the event patterns', async () => {
      // Act
      const patterns = eventPatterns();

      // Assess
      const call = await readEvent('cloudtrail-gadget-update-endpoint.json');
      expect(matchesEventPattern(patterns.apiCalls, call)).toBe(true);
      expect(
        matchesEventPattern(patterns.apiCalls, {
          ...(call as object),
          detail: { ...(call as { detail: object }).detail, eventName: 'TagResource' },
        }),
      ).toBe(false);
      expect(
        matchesEventPattern(patterns.nativeEvents, await readEvent('gadget-endpoint-tls-changed.json')),
      ).toBe(true);
      expect(
        matchesEventPattern(patterns.configChanges, await readEvent('config-change-gadget-endpoint.json')),
      ).toBe(true);
      expect(patterns.configResourceTypes).toContain(ENDPOINT);
      // The families before it are still received.
      expect(matchesEventPattern(patterns.apiCalls, loadEvent('cloudtrail-ec2-create-vpn-connection'))).toBe(
        true,
      );
      expect(patterns.configResourceTypes).toContain('AWS::EC2::VPNConnection');
    });

    it('grants its reads to the roles that read it and its writes to remediate', () => {
      // Act
      const statements = familyIamStatements([REGION]);

      // Assess
      const read = {
        Sid: 'ReadGadgetEndpoints',
        Effect: 'Allow',
        Action: 'gadget:DescribeEndpoints',
        Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:gadget:${REGION}:\${AWS::AccountId}:endpoint/*` }],
      };
      for (const role of ['apiCalls', 'configChanges', 'nativeEvents', 'sweep', 'remediate'] as const) {
        expect(statements[role]).toContainEqual(read);
      }
      expect(statements.remediate).toContainEqual({
        ...read,
        Sid: 'RemediateGadgetEndpoints',
        Action: 'gadget:UpdateEndpoint',
      });
      expect(REMEDIATION_IAM_ACTIONS).toContain('gadget:UpdateEndpoint');
    });

    it('puts its statement and its service in the SCP', async () => {
      // Act
      const run = await runCliCaptured(['scp']);

      // Assess
      expect(run.code).toBe(0);
      const documents = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { Statement: { Sid: string; Action: string[] }[] });
      const statements = documents.flatMap((document) => document.Statement);
      expect(statements.find((statement) => statement.Sid === 'DenyGadgetPlaintext')?.Action).toEqual([
        'gadget:CreateEndpoint',
        'gadget:UpdateEndpoint',
      ]);
      expect(statements.find((statement) => statement.Sid === 'ExceptionTagGuard')?.Action).toContain(
        'gadget:*',
      );
      // The exempt tag is denied on every action of every service, the fixture's included.
      expect(statements.find((statement) => statement.Sid === 'ExemptTagGuard')?.Action).toEqual(['*']);
    });
  });

  describe('the reports', () => {
    it('link its resources to their console page', () => {
      expect(consoleLink(ENDPOINT as never, PLAINTEXT, REGION)).toBe(
        `https://${REGION}.console.aws.amazon.com/gadget/home?region=${REGION}#/endpoints/ep-4e5f6a7b`,
      );
    });

    it('name it when the inputs hold nothing to judge', async () => {
      // Act
      const run = await runCliCaptured(['evaluate', reference('gadget-endpoint-tls-changed.json')]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'CloudFront distribution, VPC Lattice listener, API Gateway custom domain, REST API or stage, VPC, DataSync location, S3 bucket, RDS database, Private CA, IAM server certificate, AWS IoT certificate or domain configuration, or Gadget endpoint in the inputs',
      );
    });
  });
});
