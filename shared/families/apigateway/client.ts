import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  UpdateDomainNameCommand as UpdateDomainNameV2Command,
} from '@aws-sdk/client-apigatewayv2';
import type { SharedClientConfig } from '../../aws/clients.js';

/** The REST (v1) API's client, for live reads. */
export const createV1Client = (config: SharedClientConfig) => new APIGatewayClient(config);

/** The HTTP/WebSocket (v2) API's client, for live reads. */
export const createV2Client = (config: SharedClientConfig) => new ApiGatewayV2Client(config);

/**
 * The family's client (Family.live.client), through which remediation sends its calls: the family writes with
 * both API versions, so each command goes to the client of its own version.
 */
export function createClient(config: SharedClientConfig) {
  const v1 = createV1Client(config);
  const v2 = createV2Client(config);
  return {
    // Both clients are built from the same shared settings; the v1 client's resolved config stands for both.
    config: v1.config,
    send: (command: object): Promise<unknown> =>
      command instanceof UpdateDomainNameV2Command
        ? v2.send(command)
        : v1.send(command as Parameters<typeof v1.send>[0]),
    destroy() {
      v1.destroy();
      v2.destroy();
    },
  };
}

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export { UpdateDomainNameCommand, UpdateRestApiCommand } from '@aws-sdk/client-api-gateway';
export { UpdateDomainNameV2Command };
