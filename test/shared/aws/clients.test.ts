import { ACMClient } from '@aws-sdk/client-acm';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { type AwsClientsConfig, createRegionalClients, type SdkClient } from '../../../shared/aws/clients.js';
import { configServiceClient } from '../../../shared/aws/config-client.js';
import { eventBridgeClient } from '../../../shared/aws/factories.js';
import { familyClients, UnknownFamilyError } from '../../../shared/aws/family-clients.js';
import { createClient as acmClient } from '../../../shared/families/acm/client.js';
import { createClient as elbv2Client } from '../../../shared/families/elbv2/client.js';
import { FAMILIES } from '../../../shared/families/index.js';
import { FAKE_CREDENTIALS, fakeAws, xml } from '../../fixtures/wire/http.js';

function clientsAnswering() {
  const aws = fakeAws(() => xml('elbv2-describe-load-balancers.xml'));
  return { aws, base: { credentials: FAKE_CREDENTIALS, requestHandler: aws.requestHandler } };
}

/** The clients of every family (loaded as the families load them) and of core, in one region. */
async function everyClient(config: AwsClientsConfig) {
  const { region, ...shared } = config;
  const clients = createRegionalClients(shared)(region);
  const ofFamily = familyClients(clients);
  const families = await Promise.all(FAMILIES.map((family) => ofFamily(family.id)));
  return [...families, clients.get(configServiceClient), clients.get(eventBridgeClient)];
}

/** The resolved settings every SDK client carries. */
const settings = (client: SdkClient) =>
  (
    client as unknown as {
      config: {
        region(): Promise<string>;
        maxAttempts(): Promise<number>;
        retryStrategy(): Promise<unknown>;
      };
    }
  ).config;

describe('the clients of one region', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('configures every client with the region, adaptive retries and 5 attempts', async () => {
    // Prepare
    const all = await everyClient({ region: 'eu-west-1' });

    // Assess
    expect(all).toHaveLength(FAMILIES.length + 2);
    for (const client of all) {
      expect(await settings(client).region()).toBe('eu-west-1');
      expect(await settings(client).maxAttempts()).toBe(5);
      const strategy = (await settings(client).retryStrategy()) as { mode?: string };
      expect(strategy.mode).toBe('adaptive');
    }
  });

  it('takes the number of attempts from the config', async () => {
    // Prepare
    const clients = createRegionalClients({ maxAttempts: 2 })('eu-west-1');

    // Act
    const attempts = await clients.get(acmClient).config.maxAttempts();

    // Assess
    expect(attempts).toBe(2);
  });

  it('creates each client once, on first use', () => {
    // Prepare
    const clients = createRegionalClients({})('eu-west-1');

    // Act
    const first = clients.get(acmClient);
    const second = clients.get(acmClient);

    // Assess
    expect(first).toBeInstanceOf(ACMClient);
    expect(first).toBe(second);
  });

  it('names transit-guard and its version in the user agent of every request', async () => {
    // Prepare
    const { aws, base } = clientsAnswering();
    const clients = createRegionalClients({ ...base })('eu-west-1');

    // Act
    await clients.get(elbv2Client).send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]?.headers['user-agent']).toContain(`transit-guard/${packageJson.version}`);
  });

  it('sends requests to AWS_ENDPOINT_URL when it is set', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    const { aws, base } = clientsAnswering();
    const clients = createRegionalClients({ ...base })('eu-west-1');

    // Act
    await clients.get(elbv2Client).send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]).toMatchObject({ hostname: '127.0.0.1', port: 4566 });
  });

  it('lets an explicit endpoint win over AWS_ENDPOINT_URL', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:4566');
    const { aws, base } = clientsAnswering();
    const clients = createRegionalClients({ endpoint: 'http://127.0.0.1:9000', ...base })('eu-west-1');

    // Act
    await clients.get(elbv2Client).send(new DescribeLoadBalancersCommand({}));

    // Assess
    expect(aws.requests[0]).toMatchObject({ hostname: '127.0.0.1', port: 9000 });
  });

  it('sends requests to the regional AWS endpoint otherwise', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', '');
    const { aws, base } = clientsAnswering();
    const clients = createRegionalClients({ ...base })('eu-west-1');

    // Act
    await clients.get(elbv2Client).send(new DescribeLoadBalancersCommand({}));

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
    expect(await virginia.get(acmClient).config.region()).toBe('us-east-1');
    expect(await ireland.get(acmClient).config.region()).toBe('eu-west-1');
  });
});

describe('familyClients', () => {
  it('gives the client a family reads with, the same instance its readers use', async () => {
    // Prepare
    const clients = createRegionalClients({})('eu-west-1');

    // Act
    const client = await familyClients(clients)('acm');

    // Assess
    expect(client).toBeInstanceOf(ACMClient);
    expect(client).toBe(clients.get(acmClient));
  });

  it('refuses a family the registry does not know', async () => {
    // Act / Assess
    await expect(familyClients(createRegionalClients({})('eu-west-1'))('no-such-family')).rejects.toThrow(
      UnknownFamilyError,
    );
  });
});

describe('esbuild code splitting of the family clients', () => {
  it('keeps every family SDK client class out of the entry chunk: each loads with its family, on demand', async () => {
    // Prepare
    const entry = [
      "import { createRegionalClients } from './shared/aws/clients.ts';",
      "import { familyClients } from './shared/aws/family-clients.ts';",
      "export const acm = () => familyClients(createRegionalClients({})('eu-west-1'))('acm');",
    ].join('\n');

    // Act
    const result = await build({
      stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      write: false,
      splitting: true,
      outdir: 'out',
      format: 'esm',
      platform: 'node',
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const outputs = Object.values(result.metafile.outputs);
    const main = outputs.find((output) => output.entryPoint !== undefined);
    const inMain = Object.keys(main?.inputs ?? {});
    const inAny = outputs.flatMap((output) => Object.keys(output.inputs));
    // The client classes (with their runtime config, credential chain and HTTP stack), not the commands, which
    // the remediators' command tables may still import.
    const classes = [
      '/ACMClient.js',
      '/EC2Client.js',
      '/ElasticLoadBalancingClient.js',
      '/ElasticLoadBalancingV2Client.js',
      '/DirectConnectClient.js',
    ];
    for (const file of classes) {
      expect(inMain.some((path) => path.endsWith(file))).toBe(false);
      expect(inAny.some((path) => path.endsWith(file))).toBe(true);
    }
  });
});
