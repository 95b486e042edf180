import type { Family } from '../family.js';
import { VPC_COMMANDS } from './commands.js';
import { vpcDeployment } from './deployment.js';
import { vpcEvents } from './events.js';
import { vpcInputs } from './inputs.js';
import { createVpcEncryptionControl } from './remediators/create-vpc-encryption-control.js';
import { vpcReport } from './report.js';
import { VPC_RULES } from './rules/index.js';

export const vpcFamily: Family = {
  id: 'vpc',
  label: 'VPC encryption controls',
  ruleFamily: 'vpc',
  resourceTypes: ['AWS::EC2::VPC'],
  rules: VPC_RULES,
  remediators: [createVpcEncryptionControl],
  report: vpcReport,
  inputs: vpcInputs,
  events: vpcEvents,
  deployment: vpcDeployment,
  live: {
    service: 'ec2',
    // "Request throttling for the Amazon EC2 API" (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html):
    // non-mutating actions 100 / 20 per second; unfiltered, unpaginated ones (DescribeVpcs) 50 / 10.
    // DescribeVpcEncryptionControls and GetVpcResourcesBlockingEncryptionEnforcement are paginated: the shared
    // non-mutating bucket (the page lists no per-action figure for them).
    rates: {
      shared: { capacity: 100, refillPerSecond: 20 },
      operations: { DescribeVpcs: { capacity: 50, refillPerSecond: 10 } },
    },
    notFoundCodes: ['InvalidVpcID.NotFound'],
    client: () => import('./client.js').then((module) => module.createClient),
    readers: () => import('./live.js').then((module) => module.vpcReaders),
  },
  commands: VPC_COMMANDS,
};
