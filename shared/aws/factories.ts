/**
 * One factory per AWS client. A function bundles a client only when its code reaches that client's
 * factory: pass createClients just the factories a function needs (see ClientFactories) and the others,
 * with their SDK packages, stay out of its bundle.
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SharedClientConfig } from './client-config.js';

export const elbv2Client = (config: SharedClientConfig) => new ElasticLoadBalancingV2Client(config);
export const elbClient = (config: SharedClientConfig) => new ElasticLoadBalancingClient(config);
export const ec2Client = (config: SharedClientConfig) => new EC2Client(config);
export const directConnectClient = (config: SharedClientConfig) => new DirectConnectClient(config);
export const acmClient = (config: SharedClientConfig) => new ACMClient(config);
export const configServiceClient = (config: SharedClientConfig) => new ConfigServiceClient(config);
export const eventBridgeClient = (config: SharedClientConfig) => new EventBridgeClient(config);
