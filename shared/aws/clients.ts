import { type AwsClientsConfig, awsClientConfig, type SharedClientConfig } from './client-config.js';

export { type AwsClientsConfig, awsClientConfig, type SharedClientConfig } from './client-config.js';

/**
 * What core needs of any AWS SDK v3 client. Every client is one (`never` accepts any command type); code that
 * sends commands holds the concrete client its own factory returns.
 */
export interface SdkClient {
  send(command: never): Promise<unknown>;
  destroy(): void;
}

/** How one client is built from the shared settings (a family's client.ts, or core's factories.ts and config-client.ts). */
export type ClientFactory<C extends SdkClient = SdkClient> = (config: SharedClientConfig) => C;

/** The clients of one region, each created on first use by its factory and kept. */
export interface RegionClients {
  readonly region: string;
  get<C extends SdkClient>(create: ClientFactory<C>): C;
}

/** The AWS clients of one region: each factory builds its client once, with the shared settings. */
function createRegionClients(config: AwsClientsConfig): RegionClients {
  const shared = awsClientConfig(config);
  const created = new Map<ClientFactory, SdkClient>();
  return {
    region: config.region,
    get<C extends SdkClient>(create: ClientFactory<C>): C {
      let client = created.get(create) as C | undefined;
      if (!client) {
        client = create(shared);
        created.set(create, client);
      }
      return client;
    },
  };
}

/** One set of clients per region, created when a region is first asked for (the sweep's `clientsFor`). */
export function createRegionalClients(
  config: Omit<AwsClientsConfig, 'region'>,
): (region: string) => RegionClients {
  const byRegion = new Map<string, RegionClients>();
  return (region) => {
    let clients = byRegion.get(region);
    if (!clients) {
      clients = createRegionClients({ ...config, region });
      byRegion.set(region, clients);
    }
    return clients;
  };
}
