import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  UpdateDomainNameCommand as UpdateDomainNameV2Command,
} from '@aws-sdk/client-apigatewayv2';
import type { SharedClientConfig } from '../../aws/clients.js';

/**
 * The family's client (Family.live.client): the REST (v1) API's client, which the live reads use, and through
 * which remediation sends its calls. The family also writes with the HTTP/WebSocket (v2) API (UpdateDomainName of
 * a v2 domain): such a command goes to a v2 client built from the same settings.
 */
class ApiGatewayFamilyClient extends APIGatewayClient {
  private readonly v2: ApiGatewayV2Client;

  constructor(config: SharedClientConfig) {
    super(config);
    this.v2 = new ApiGatewayV2Client(config);
  }

  override send = ((command: object, ...rest: never[]) =>
    command instanceof UpdateDomainNameV2Command
      ? this.v2.send(command)
      : super.send(command as never, ...rest)) as APIGatewayClient['send'];

  override destroy(): void {
    this.v2.destroy();
    super.destroy();
  }
}

export const createClient = (config: SharedClientConfig) => new ApiGatewayFamilyClient(config);

/** The HTTP/WebSocket (v2) API's client, for the reads only v2 answers (GetApis, GetApiMappings, v2 GetDomainName). */
export const createV2Client = (config: SharedClientConfig) => new ApiGatewayV2Client(config);

/** The SDK commands its remediators send (commands.ts loads them from here, only when one is sent). */
export { UpdateDomainNameCommand, UpdateRestApiCommand } from '@aws-sdk/client-api-gateway';
export { UpdateDomainNameV2Command };
