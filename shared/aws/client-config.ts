import type { ConfigServiceClientConfig } from '@aws-sdk/client-config-service';
import packageJson from '../../package.json' with { type: 'json' };

const USER_AGENT = `transit-guard/${packageJson.version}`;
const DEFAULT_MAX_ATTEMPTS = 5;

export interface AwsClientsConfig {
  region: string;
  /** An explicit endpoint; without it the SDK applies AWS_ENDPOINT_URL(_<SERVICE>) itself. */
  endpoint?: string;
  /** Attempts per call, first one included (adaptive retry mode). Default 5. */
  maxAttempts?: number;
  /** Static credentials instead of the default chain (tests, the local benchmark stand-in). */
  credentials?: ConfigServiceClientConfig['credentials'];
  /** Replaces the HTTP transport (wire-level tests). */
  requestHandler?: ConfigServiceClientConfig['requestHandler'];
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

export type SharedClientConfig = ReturnType<typeof awsClientConfig>;
