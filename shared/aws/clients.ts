import { ACMClient, type ACMClientConfig } from '@aws-sdk/client-acm';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import packageJson from '../../package.json' with { type: 'json' };

export const USER_AGENT = `transit-guard/${packageJson.version}`;
export const DEFAULT_MAX_ATTEMPTS = 5;

export interface AwsClientsConfig {
  region: string;
  /** An explicit endpoint; without it the SDK applies AWS_ENDPOINT_URL(_<SERVICE>) itself. */
  endpoint?: string;
  /** Attempts per call, first one included (adaptive retry mode). Default 5. */
  maxAttempts?: number;
  /** Static credentials instead of the default chain (tests, the local benchmark stand-in). */
  credentials?: ACMClientConfig['credentials'];
  /** Replaces the HTTP transport (wire-level tests). */
  requestHandler?: ACMClientConfig['requestHandler'];
}

/** The settings every transit-guard client shares, for a caller that builds one client itself. */
export function awsClientConfig(config: AwsClientsConfig) {
  return {
    region: config.region,
    retryMode: 'adaptive',
    maxAttempts: config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    customUserAgent: USER_AGENT,
    // An `endpoint` key, even undefined, is left out so the SDK's own AWS_ENDPOINT_URL lookup stays in charge.
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...(config.requestHandler ? { requestHandler: config.requestHandler } : {}),
  };
}

export interface Clients {
  readonly region: string;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly elb: ElasticLoadBalancingClient;
  readonly ec2: EC2Client;
  readonly directConnect: DirectConnectClient;
  readonly acm: ACMClient;
  readonly config: ConfigServiceClient;
  readonly eventBridge: EventBridgeClient;
}

function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}

/** The AWS clients of one region, each created on first use. */
export function createClients(config: AwsClientsConfig): Clients {
  const shared = awsClientConfig(config);
  const elbv2 = lazy(() => new ElasticLoadBalancingV2Client(shared));
  const elb = lazy(() => new ElasticLoadBalancingClient(shared));
  const ec2 = lazy(() => new EC2Client(shared));
  const directConnect = lazy(() => new DirectConnectClient(shared));
  const acm = lazy(() => new ACMClient(shared));
  const configService = lazy(() => new ConfigServiceClient(shared));
  const eventBridge = lazy(() => new EventBridgeClient(shared));
  return {
    region: config.region,
    get elbv2() {
      return elbv2();
    },
    get elb() {
      return elb();
    },
    get ec2() {
      return ec2();
    },
    get directConnect() {
      return directConnect();
    },
    get acm() {
      return acm();
    },
    get config() {
      return configService();
    },
    get eventBridge() {
      return eventBridge();
    },
  };
}

/** One set of clients per region, created when a region is first asked for (the sweep's `clientsFor`). */
export function createRegionalClients(config: Omit<AwsClientsConfig, 'region'>): (region: string) => Clients {
  const byRegion = new Map<string, Clients>();
  return (region) => {
    let clients = byRegion.get(region);
    if (!clients) {
      clients = createClients({ ...config, region });
      byRegion.set(region, clients);
    }
    return clients;
  };
}
