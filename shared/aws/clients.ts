import type { ACMClient } from '@aws-sdk/client-acm';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type AwsClientsConfig, awsClientConfig, type SharedClientConfig } from './client-config.js';
import {
  acmClient,
  configServiceClient,
  directConnectClient,
  ec2Client,
  elbClient,
  elbv2Client,
  eventBridgeClient,
} from './factories.js';

export {
  type AwsClientsConfig,
  awsClientConfig,
  DEFAULT_MAX_ATTEMPTS,
  type SharedClientConfig,
  USER_AGENT,
} from './client-config.js';

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

type ClientName = Exclude<keyof Clients, 'region'>;

/** How each client is built; a function that needs only some passes only those (the rest stay unbundled). */
export type ClientFactories = { [K in ClientName]: (config: SharedClientConfig) => Clients[K] };

/** Every client: what the inspectors (events, sweep) use. */
export const ALL_CLIENT_FACTORIES: ClientFactories = {
  elbv2: elbv2Client,
  elb: elbClient,
  ec2: ec2Client,
  directConnect: directConnectClient,
  acm: acmClient,
  config: configServiceClient,
  eventBridge: eventBridgeClient,
};

export class MissingClientError extends Error {
  override name = 'MissingClientError';
}

/**
 * The AWS clients of one region from only the factories given, each created on first use. Asking for a
 * client without a factory is a wiring error and throws. A function that calls this (not createClients)
 * bundles only the SDK clients it passes.
 */
export function createClientSet(config: AwsClientsConfig, factories: Partial<ClientFactories>): Clients {
  const shared = awsClientConfig(config);
  const created = new Map<ClientName, unknown>();
  const get = <K extends ClientName>(name: K): Clients[K] => {
    let client = created.get(name) as Clients[K] | undefined;
    if (!client) {
      const factory = factories[name];
      if (!factory) throw new MissingClientError(`no ${name} client was wired for this function`);
      client = factory(shared) as Clients[K];
      created.set(name, client);
    }
    return client;
  };
  return {
    region: config.region,
    get elbv2() {
      return get('elbv2');
    },
    get elb() {
      return get('elb');
    },
    get ec2() {
      return get('ec2');
    },
    get directConnect() {
      return get('directConnect');
    },
    get acm() {
      return get('acm');
    },
    get config() {
      return get('config');
    },
    get eventBridge() {
      return get('eventBridge');
    },
  };
}

/** Every AWS client of one region, each created on first use. */
export function createClients(config: AwsClientsConfig): Clients {
  return createClientSet(config, ALL_CLIENT_FACTORIES);
}

/**
 * One set of clients per region, created when a region is first asked for (the sweep's `clientsFor`);
 * every client unless `factories` names some.
 */
export function createRegionalClients(
  config: Omit<AwsClientsConfig, 'region'>,
  factories?: Partial<ClientFactories>,
): (region: string) => Clients {
  const byRegion = new Map<string, Clients>();
  return (region) => {
    let clients = byRegion.get(region);
    if (!clients) {
      clients = createClientSet({ ...config, region }, factories ?? ALL_CLIENT_FACTORIES);
      byRegion.set(region, clients);
    }
    return clients;
  };
}
