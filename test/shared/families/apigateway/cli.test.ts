/**
 * The API Gateway rules through the CLI (`evaluate --format json`), per input format: a failing case, a compliant
 * near-miss and a case that cannot be verified; then `tls.postQuantum: require`, and replay of a CloudTrail call
 * against an inventory. Inputs: test/fixtures/inputs/apigateway/ (AWS's output shapes, the project's own values).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../../helpers/run-cli.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));
const INPUT = (name: string) => fixture(`inputs/apigateway/${name}`);
const NOW = '2026-11-22T00:00:00Z';
const DOMAINS = 'arn:aws:apigateway:eu-west-1::/domainnames';

/** What these tests read of the JSON report. */
interface Evaluation {
  ruleId: string;
  resourceId: string;
  status: string;
  reason: string;
  details?: Record<string, unknown>;
}
interface JsonReport {
  evaluations: Evaluation[];
  errors: unknown[];
}

async function evaluate(file: string, ...options: string[]): Promise<Map<string, Evaluation>> {
  const run = await runCliCaptured(['evaluate', INPUT(file), '--format', 'json', '--now', NOW, ...options]);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.errors).toEqual([]);
  return new Map(report.evaluations.map((evaluation) => [evaluation.resourceId, evaluation]));
}

function found(evaluations: Map<string, Evaluation>, id: string): Evaluation {
  const evaluation = evaluations.get(id);
  if (!evaluation) throw new Error(`no evaluation of ${id}: ${[...evaluations.keys()].join(', ')}`);
  return evaluation;
}

describe('apigateway-domain-tls-policy through the CLI', () => {
  describe('aws apigateway get-domain-names', () => {
    it('fails a domain on TLS_1_0 for TLS 1.0/1.1 and its non-AEAD ciphers, with postQuantum false', async () => {
      // Act
      const evaluation = found(
        await evaluate('apigateway-get-domain-names.json'),
        `${DOMAINS}/legacy.shop.example.net`,
      );

      // Assess
      expect(evaluation).toMatchObject({ ruleId: 'apigateway-domain-tls-policy', status: 'NON_COMPLIANT' });
      expect(evaluation.reason).toContain('accepts TLSv1 and TLSv1.1 (the minimum is TLSv1.2)');
      expect(evaluation.reason).toContain('AES128-SHA');
      expect(evaluation.reason).toContain('It offers no post-quantum key exchange.');
      expect(evaluation.details).toMatchObject({
        securityPolicy: 'TLS_1_0',
        policyKind: 'legacy',
        postQuantum: false,
      });
    });

    it('passes SecurityPolicy_TLS13_1_3_2025_09 (TLS 1.3 only) with the note that it offers no post-quantum key exchange', async () => {
      // Act
      const evaluation = found(
        await evaluate('apigateway-get-domain-names.json'),
        `${DOMAINS}/tls13.shop.example.net`,
      );

      // Assess
      expect(evaluation.status).toBe('COMPLIANT');
      expect(evaluation.reason).toContain('It offers no post-quantum key exchange.');
      expect(evaluation.details).toMatchObject({ postQuantum: false, protocols: ['TLSv1.3'] });
    });

    it('passes a PQ policy without the note', async () => {
      // Act
      const evaluation = found(
        await evaluate('apigateway-get-domain-names.json'),
        `${DOMAINS}/pq.shop.example.net`,
      );

      // Assess
      expect(evaluation.status).toBe('COMPLIANT');
      expect(evaluation.reason).not.toContain('post-quantum');
      expect(evaluation.details).toMatchObject({ postQuantum: true });
    });

    it('cannot verify a policy name the data does not resolve, nor a domain whose output has no securityPolicy', async () => {
      // Act
      const evaluations = await evaluate('apigateway-get-domain-names.json');

      // Assess
      const unknown = found(evaluations, `${DOMAINS}/fips.shop.example.net`);
      expect(unknown).toMatchObject({ status: 'NON_COMPLIANT' });
      expect(unknown.reason).toContain('SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09 is unknown');
      expect(unknown.details).not.toHaveProperty('postQuantum');
      const missing = found(evaluations, 'old-edge.shop.example.net');
      expect(missing.status).toBe('NON_COMPLIANT');
      expect(missing.reason).toContain('does not name its security policy');
    });
  });

  describe('aws apigateway get-domain-name (edge)', () => {
    it('fails legacy TLS_1_2 for its CBC and static-RSA suites; no target while the HTTP API mappings are unknown', async () => {
      // Act
      const evaluation = found(
        await evaluate('apigateway-get-domain-name-edge.json'),
        'arn:aws:apigateway:us-east-1::/domainnames/edge.shop.example.net',
      );

      // Assess
      expect(evaluation.status).toBe('NON_COMPLIANT');
      expect(evaluation.reason).toMatch(/offers 7 ciphers outside the allowed classes/);
      expect(evaluation.reason).toContain('No compatible target policy');
      expect(evaluation.details).toMatchObject({ remediationRefused: expect.stringContaining('HTTP API') });
    });
  });

  describe('aws apigatewayv2 get-domain-names', () => {
    it('fails TLS_1_0, fails TLS_1_2 on ciphers, and cannot verify a configuration without SecurityPolicy', async () => {
      // Act
      const evaluations = await evaluate('apigatewayv2-get-domain-names.json');

      // Assess
      expect(found(evaluations, 'http.shop.example.net').reason).toContain('accepts TLSv1 and TLSv1.1');
      const ws = found(evaluations, 'ws.shop.example.net');
      expect(ws.status).toBe('NON_COMPLIANT');
      expect(ws.reason).not.toContain('accepts TLSv1 ');
      expect(ws.reason).toContain('apigatewayv2) sets only TLS_1_0 and TLS_1_2');
      const missing = found(evaluations, 'nopolicy.shop.example.net');
      expect(missing.status).toBe('NON_COMPLIANT');
      expect(missing.reason).toContain('does not name its security policy');
    });

    it('passes TLS_1_2 when the policy file allows its cipher classes (a compliant near-miss of the same input)', async () => {
      // Act
      const evaluations = await evaluate(
        'apigatewayv2-get-domain-names.json',
        '--policy',
        fixture('policies/apigateway-cbc-allowed.policy.yml'),
      );

      // Assess
      expect(found(evaluations, 'ws.shop.example.net').status).toBe('COMPLIANT');
      expect(found(evaluations, 'http.shop.example.net').status).toBe('NON_COMPLIANT');
    });
  });

  describe('AWS Config items', () => {
    it('fails a DomainName item on TLS_1_0 (CloudFormation-style PascalCase configuration)', async () => {
      // Act
      const evaluation = found(
        await evaluate('config-items-apigateway.json'),
        `${DOMAINS}/config.shop.example.net`,
      );

      // Assess
      expect(evaluation).toMatchObject({ ruleId: 'apigateway-domain-tls-policy', status: 'NON_COMPLIANT' });
      expect(evaluation.details).toMatchObject({ securityPolicy: 'TLS_1_0' });
    });
  });

  it('with tls.postQuantum: require fails TLS 1.3 without PQ and targets a PQ policy', async () => {
    // Act
    const evaluations = await evaluate(
      'apigateway-get-domain-names.json',
      '--policy',
      fixture('policies/apigateway-pq-require.policy.yml'),
    );

    // Assess
    const tls13 = found(evaluations, `${DOMAINS}/tls13.shop.example.net`);
    expect(tls13.status).toBe('NON_COMPLIANT');
    expect(tls13.reason).toContain('offers no post-quantum key exchange, which the policy requires');
    expect(found(evaluations, `${DOMAINS}/pq.shop.example.net`).status).toBe('COMPLIANT');
  });
});

describe('apigateway-api-tls-policy through the CLI', () => {
  it('get-rest-apis: fails TLS_1_0 naming the enabled execute-api endpoint, passes an enhanced policy, cannot verify none', async () => {
    // Act
    const evaluations = await evaluate('apigateway-get-rest-apis.json');

    // Assess
    const orders = found(evaluations, 'a1b2c3d4e5');
    expect(orders.status).toBe('NON_COMPLIANT');
    expect(orders.reason).toContain('default execute-api endpoint is enabled');
    expect(orders.reason).toContain('bypass the policy of any custom domain');
    expect(found(evaluations, 'f6g7h8i9j0').status).toBe('COMPLIANT');
    const catalog = found(evaluations, 'k1l2m3n4o5');
    expect(catalog.status).toBe('NON_COMPLIANT');
    expect(catalog.reason).toContain('does not name its security policy');
  });

  it('Config items: fails a RestApi item on TLS_1_0 and cannot verify one without securityPolicy', async () => {
    // Act
    const evaluations = await evaluate('config-items-apigateway.json');

    // Assess
    expect(found(evaluations, 'arn:aws:apigateway:eu-west-1::/restapis/p0q1r2s3t4').status).toBe(
      'NON_COMPLIANT',
    );
    const search = found(evaluations, 'arn:aws:apigateway:eu-west-1::/restapis/u5v6w7x8y9');
    expect(search.status).toBe('NON_COMPLIANT');
    expect(search.reason).toContain('does not name its security policy');
  });

  it('with postQuantum require, a REST API on TLS 1.3 without PQ fails with the reason', async () => {
    // Act
    const evaluations = await evaluate(
      'apigateway-get-rest-apis.json',
      '--policy',
      fixture('policies/apigateway-pq-require.policy.yml'),
    );

    // Assess
    expect(found(evaluations, 'f6g7h8i9j0').reason).toContain('offers no post-quantum key exchange');
  });
});

describe('apigateway-backend-certificate through the CLI', () => {
  it.each([
    ['apigateway-get-stages.json', 'prod (deployment dep0001abc)', 'test (deployment dep0002def)'],
    [
      'config-items-apigateway.json',
      'arn:aws:apigateway:eu-west-1::/restapis/u5v6w7x8y9/stages/live',
      'arn:aws:apigateway:eu-west-1::/restapis/u5v6w7x8y9/stages/beta',
    ],
  ])(
    '%s: passes a stage with a client certificate; cannot verify one without (integrations unknown)',
    async (file, withCert, without) => {
      // Act
      const evaluations = await evaluate(file);

      // Assess
      expect(found(evaluations, withCert)).toMatchObject({
        ruleId: 'apigateway-backend-certificate',
        status: 'COMPLIANT',
      });
      const unknown = found(evaluations, without);
      expect(unknown.status).toBe('NON_COMPLIANT');
      expect(unknown.reason).toContain('does not say whether its API has HTTP integrations');
    },
  );
});

describe('apigateway-backend-certificate from wrapped get-stages and get-resources outputs', () => {
  /** The JSON report of `evaluate` on these paths, errors included. */
  async function report(...paths: string[]): Promise<JsonReport> {
    const run = await runCliCaptured(['evaluate', ...paths, '--format', 'json', '--now', NOW]);
    return JSON.parse(run.stdout) as JsonReport;
  }
  const verdicts = (json: JsonReport) =>
    json.evaluations
      .filter((evaluation) => evaluation.ruleId === 'apigateway-backend-certificate')
      .map(({ resourceId, status }) => [resourceId, status]);

  it('fails a stage without a client certificate whose API has an HTTP_PROXY integration, passes the one with, and has nothing to judge on a Lambda-only API', async () => {
    // Act
    const evaluations = await evaluate('backend');

    // Assess
    const failing = found(evaluations, 'test (deployment dep0002def)');
    expect(failing.status).toBe('NON_COMPLIANT');
    expect(failing.reason).toBe(
      'Stage test of REST API a1b2c3d4e5 reaches HTTP backends (HTTP_PROXY) without a client certificate.',
    );
    expect(failing.details).toMatchObject({ httpIntegrations: ['HTTP_PROXY'] });
    expect(found(evaluations, 'prod (deployment dep0001abc)').status).toBe('COMPLIANT');
    expect(found(evaluations, 'live (deployment dep0003ghi)').status).toBe('NOT_APPLICABLE');
  });

  it('joins integrations by REST API only: the stages file alone leaves the stage without a certificate unverifiable, naming the command to add', async () => {
    // Act
    const evaluations = await evaluate('backend/apigateway-get-stages-orders.json');

    // Assess
    const unknown = found(evaluations, 'test (deployment dep0002def)');
    expect(unknown.status).toBe('NON_COMPLIANT');
    expect(unknown.reason).toContain(
      'add the output of aws apigateway get-resources --rest-api-id a1b2c3d4e5 --embed methods',
    );
    // The orders API's HTTP_PROXY does not reach the stage of the Lambda API.
    const other = await report(
      INPUT('backend/apigateway-get-stages-lambda.json'),
      INPUT('backend/apigateway-get-resources-orders.json'),
    );
    expect(other.errors).toEqual([]);
    expect(other.evaluations.find((e) => e.ruleId === 'apigateway-backend-certificate')?.reason).toContain(
      'does not say whether',
    );
  });

  it('a get-resources output without --embed methods is reported and leaves the stage "cannot be verified"', async () => {
    // Act
    const json = await report(INPUT('backend-no-embed'));

    // Assess
    expect(verdicts(json)).toEqual([['v1 (deployment dep0004jkl)', 'NON_COMPLIANT']]);
    expect(json.evaluations[0]?.reason).toContain('does not say whether its API has HTTP integrations');
    expect(json.errors).toEqual([
      {
        source: expect.stringContaining('backend-no-embed/apigateway-get-resources-legacy.json'),
        message: expect.stringContaining(
          'REST API z9y8x7w6v5: no methodIntegration in GET / (was it run with --embed methods?)',
        ),
      },
    ]);
  });

  it('an output with no resourceMethods at all says nothing of the methods: not taken as "no HTTP integration"', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'apigw-'));
    const resources = join(dir, 'resources.json');
    await writeFile(
      resources,
      JSON.stringify({ restApiId: 'k9l8m7n6o5', items: [{ id: 'lamr00t003', path: '/' }] }),
    );

    // Act
    const json = await report(INPUT('backend/apigateway-get-stages-lambda.json'), resources);

    // Assess
    expect(verdicts(json)).toEqual([['live (deployment dep0003ghi)', 'NON_COMPLIANT']]);
    expect(json.errors).toEqual([
      {
        source: resources,
        message: expect.stringContaining('no methodIntegration in every resource (no resourceMethods)'),
      },
    ]);
  });

  it('reports an unwrapped get-resources output and a wrapper whose restApiId is not an id, and uses neither', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'apigw-'));
    const orders = JSON.parse(
      await readFile(INPUT('backend/apigateway-get-resources-orders.json'), 'utf8'),
    ) as {
      items: unknown[];
    };
    const unwrapped = join(dir, 'unwrapped.json');
    await writeFile(unwrapped, JSON.stringify({ items: orders.items }));
    const badId = join(dir, 'bad-id.json');
    await writeFile(badId, JSON.stringify({ restApiId: 42, items: orders.items }));
    // An object where the id belongs: the error names its type, never what it holds.
    const objectId = join(dir, 'object-id.json');
    await writeFile(
      objectId,
      JSON.stringify({ restApiId: { apiKey: 'Sx9-secret-api-key' }, items: orders.items }),
    );

    // Act
    const json = await report(INPUT('backend/apigateway-get-stages-orders.json'), unwrapped, badId, objectId);

    // Assess
    expect(verdicts(json)).toContainEqual(['test (deployment dep0002def)', 'NON_COMPLIANT']);
    const failing = json.evaluations.find(
      (evaluation) => evaluation.resourceId === 'test (deployment dep0002def)',
    );
    expect(failing?.reason).toContain('does not say whether');
    expect(json.errors).toEqual(
      expect.arrayContaining([
        { source: unwrapped, message: expect.stringContaining('the output does not name its REST API') },
        { source: badId, message: expect.stringContaining('restApiId: expected the REST API id') },
        { source: objectId, message: expect.stringContaining('(a non-empty string), got an object') },
      ]),
    );
    expect(JSON.stringify(json)).not.toContain('Sx9-secret-api-key');
  });
});

/** A JSON report of `transit-guard replay <event> --inventory <inventory>` with these options. */
async function replay(event: string, inventory: string, ...options: string[]): Promise<JsonReport> {
  const run = await runCliCaptured([
    'replay',
    fixture(`events/${event}.json`),
    '--inventory',
    inventory,
    '--format',
    'json',
    '--now',
    NOW,
    ...options,
  ]);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as JsonReport;
  expect(report.errors).toEqual([]);
  return report;
}

/** A policy file that sets one rule's mode. */
async function policyFile(ruleId: string, mode: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'apigw-policy-')), 'policy.yml');
  await writeFile(path, `rules:\n  ${ruleId}:\n    mode: ${mode}\n`);
  return path;
}

describe('replay: the evaluation and the planned response', () => {
  it('UpdateDomainName under the default policy: the domain on TLS_1_0 fails and the response is a notification', async () => {
    // Act
    const report = await replay(
      'cloudtrail-apigateway-update-domain-name',
      INPUT('apigateway-get-domain-names.json'),
    );

    // Assess
    expect(report.evaluations).toEqual([
      expect.objectContaining({
        ruleId: 'apigateway-domain-tls-policy',
        status: 'NON_COMPLIANT',
        resourceId: `${DOMAINS}/legacy.shop.example.net`,
        response: { mode: 'notify', status: 'notify' },
      }),
    ]);
  });

  it('UpdateDomainName with the rule on remediate: no change is planned while the HTTP API mappings are unknown, and the note says why', async () => {
    // Act
    const report = await replay(
      'cloudtrail-apigateway-update-domain-name',
      INPUT('apigateway-get-domain-names.json'),
      '--policy',
      await policyFile('apigateway-domain-tls-policy', 'remediate'),
    );

    // Assess
    const [evaluation] = report.evaluations as (Evaluation & { response: Record<string, unknown> })[];
    expect(evaluation?.response).toMatchObject({ mode: 'remediate', status: 'notify' });
    expect(evaluation?.response).not.toHaveProperty('calls');
    expect(evaluation?.response.note).toContain('the input does not say whether an HTTP API is mapped to it');
  });

  it('UpdateRestApi with the rule on remediate: a dry run of UpdateRestApi to the PQ enhanced policy in BASIC mode', async () => {
    // Act
    const report = await replay(
      'cloudtrail-apigateway-update-rest-api',
      INPUT('apigateway-get-rest-apis.json'),
      '--policy',
      await policyFile('apigateway-api-tls-policy', 'remediate'),
    );

    // Assess
    expect(report.evaluations).toEqual([
      expect.objectContaining({
        ruleId: 'apigateway-api-tls-policy',
        status: 'NON_COMPLIANT',
        resourceId: 'a1b2c3d4e5',
        response: expect.objectContaining({
          mode: 'remediate',
          status: 'dry-run',
          action: 'set-api-security-policy',
          target: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
          calls: [
            {
              service: 'apigateway',
              command: 'UpdateRestApi',
              input: {
                restApiId: 'a1b2c3d4e5',
                patchOperations: [
                  {
                    op: 'replace',
                    path: '/securityPolicy',
                    value: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
                  },
                  { op: 'replace', path: '/endpointAccessMode', value: 'BASIC' },
                ],
              },
            },
          ],
        }),
      }),
    ]);
  });

  it('PutIntegration re-judges every stage of its REST API, and only those, from wrapped stages and resources', async () => {
    // Act
    const report = await replay('cloudtrail-apigateway-put-integration', INPUT('backend'));

    // Assess
    expect(
      report.evaluations.map(({ ruleId, resourceId, status }) => [ruleId, resourceId, status]).sort(),
    ).toEqual([
      ['apigateway-backend-certificate', 'prod (deployment dep0001abc)', 'COMPLIANT'],
      ['apigateway-backend-certificate', 'test (deployment dep0002def)', 'NON_COMPLIANT'],
    ]);
  });
});
