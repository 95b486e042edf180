import { ACMClient } from '@aws-sdk/client-acm';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import {
  createClientSet,
  createClients,
  createRegionalClients,
  MissingClientError,
  USER_AGENT,
} from '../../../shared/aws/clients.js';
import { acmClient } from '../../../shared/aws/factories.js';
import { FAKE_CREDENTIALS, fakeAws, xml } from '../../fixtures/wire/http.js';

function clientsAnswering() {
  const aws = fakeAws(() => xml('elbv2-describe-load-balancers.xml'));
  return { aws, base: { credentials: FAKE_CREDENTIALS, requestHandler: aws.requestHandler } };
}

describe('createClients', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('configures every client with the region, adaptive retries and 5 attempts', async () => {
    // Prepare
    const clients = createClients({ region: 'eu-west-1' });

    // Act
    const all = [
      clients.elbv2,
      clients.elb,
      clients.ec2,
      clients.directConnect,
      clients.acm,
      clients.config,
      clients.eventBridge,
    ];

    // Assess
    for (const client of all) {
      expect(await client.config.region()).toBe('eu-west-1');
      expect(await client.config.maxAttempts()).toBe(5);
      const strategy = (await client.config.retryStrategy()) as { mode?: string };
      expect(strategy.mode).toBe('adaptive');
    }
  });

  it('takes the number of attempts from the config', async () => {
    // Prepare
    const clients = createClients({ region: 'eu-west-1', maxAttempts: 2 });

    // Act
    const attempts = await clients.acm.config.maxAttempts();

    // Assess
    expect(attempts).toBe(2);
  });

  it('creates each client once, on first use', () => {
    // Prepare
    const clients = createClients({ region: 'eu-west-1' });

    // Act
    const first = clients.acm;
    const second = clients.acm;

    // Assess
    expect(first).toBe(second);
  });

  it('names transit-guard and its version in the user agent of every request', async () => {
    // Prepare
    const { aws, base } = clientsAnswering();
    const clients = createClients({ region: 'eu-west-1', ...base });

    // Act
    await clients.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(USER_AGENT).toBe(`transit-guard/${packageJson.version}`);
    expect(aws.requests[0]?.headers['user-agent']).toContain(USER_AGENT);
  });

  it('sends requests to AWS_ENDPOINT_URL when it is set', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    const { aws, base } = clientsAnswering();
    const clients = createClients({ region: 'eu-west-1', ...base });

    // Act
    await clients.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]).toMatchObject({ hostname: '127.0.0.1', port: 4566 });
  });

  it('lets an explicit endpoint win over AWS_ENDPOINT_URL', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    const { aws, base } = clientsAnswering();
    const clients = createClients({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', ...base });

    // Act
    await clients.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]).toMatchObject({ hostname: '127.0.0.1', port: 9000 });
  });

  it('sends requests to the regional AWS endpoint otherwise', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    const { aws, base } = clientsAnswering();
    const clients = createClients({ region: 'eu-west-1', ...base });

    // Act
    await clients.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]?.hostname).toBe('elasticloadbalancing.eu-west-1.amazonaws.com');
  });
});

describe('createRegionalClients', () => {
  it('gives one set of clients per region, reused on later asks', async () => {
    // Prepare
    const clientsFor = createRegionalClients({ credentials: FAKE_CREDENTIALS });

    // Act
    const ireland = clientsFor('eu-west-1');
    const again = clientsFor('eu-west-1');
    const virginia = clientsFor('us-east-1');

    // Assess
    expect(again).toBe(ireland);
    expect(await virginia.ec2.config.region()).toBe('us-east-1');
    expect(await ireland.ec2.config.region()).toBe('eu-west-1');
  });
});

describe('createClientSet', () => {
  it('builds only the clients it was given factories for', () => {
    // Prepare
    const clients = createClientSet({ region: 'eu-west-1' }, { acm: acmClient });

    // Act
    const acm = clients.acm;

    // Assess
    expect(acm).toBeInstanceOf(ACMClient);
    expect(() => clients.ec2).toThrow(MissingClientError);
  });
});

describe('esbuild tree shaking of the client factories', () => {
  it('leaves the other SDK clients out of a bundle that wires only ACM', async () => {
    // Prepare
    const entry = [
      "import { createClientSet } from './shared/aws/clients.ts';",
      "import { acmClient } from './shared/aws/factories.ts';",
      "export const clients = createClientSet({ region: 'eu-west-1' }, { acm: acmClient });",
    ].join('\n');

    // Act
    const result = await build({
      stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(inputs.some((path) => path.includes('@aws-sdk/client-acm/'))).toBe(true);
    expect(inputs.some((path) => path.includes('@aws-sdk/client-ec2/'))).toBe(false);
    expect(inputs.some((path) => path.includes('@aws-sdk/client-elastic-load-balancing-v2/'))).toBe(false);
  });
});
