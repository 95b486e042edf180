/**
 * Fault injection on the scheduled sweep, at the client: a generated account of 500 resources across the
 * five families answered through aws-sdk-client-mock, with 30% of sends failing by throttling, a 5xx or
 * a timeout (seeded). Every resource must end evaluated or listed as unreadable with the reason; the
 * product sends a call again only after throttling, at most MAX_THROTTLE_RETRIES times.
 */
import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ACMPCAClient, ListCertificateAuthoritiesCommand } from '@aws-sdk/client-acm-pca';
import { APIGatewayClient, GetDomainNamesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetDomainNamesCommand as GetDomainNamesV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { DataSyncClient, DescribeLocationSmbCommand, ListLocationsCommand } from '@aws-sdk/client-datasync';
import {
  DescribeConnectionsCommand,
  DescribeLagsCommand,
  DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import {
  DescribeVpcEncryptionControlsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
  GetActiveVpnTunnelStatusCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  DescribeLoadBalancerPoliciesCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeSSLPoliciesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GreengrassV2Client, ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';
import { IAMClient, ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import {
  IoTClient,
  ListCACertificatesCommand,
  ListDomainConfigurationsCommand,
  ListCertificatesCommand as ListIotCertificatesCommand,
} from '@aws-sdk/client-iot';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegionalClients } from '../../shared/aws/clients.js';
import { generateAccount, REGION } from './account.js';
import { createInjector, faultError, faultSeed, type Injector } from './injector.js';
import {
  CREDENTIALS,
  dropped,
  evaluatedCount,
  FAULT_RATE,
  FAULT_REASON,
  runSweep,
  unboundedResends,
} from './sweep-support.js';

const mocks = {
  elbv2: mockClient(ElasticLoadBalancingV2Client),
  elb: mockClient(ElasticLoadBalancingClient),
  ec2: mockClient(EC2Client),
  directConnect: mockClient(DirectConnectClient),
  acm: mockClient(ACMClient),
  lattice: mockClient(VPCLatticeClient),
  apigateway: mockClient(APIGatewayClient),
  apigatewayV2: mockClient(ApiGatewayV2Client),
  datasync: mockClient(DataSyncClient),
  s3: mockClient(S3Client),
  rds: mockClient(RDSClient),
  // The pinned @aws-sdk/client-acm-pca (3.523) predates the Smithy types aws-sdk-client-mock is typed with.
  pca: mockClient(ACMPCAClient as unknown as Parameters<typeof mockClient>[0]),
  iam: mockClient(IAMClient),
  iot: mockClient(IoTClient),
  greengrass: mockClient(GreengrassV2Client),
};

/** Answers each read command from the account, failing the attempts the injector picks. */
function installMocks(injector: Injector, answer: ReturnType<typeof generateAccount>['answer']): void {
  const table = [
    [mocks.elbv2, 'elbv2', DescribeLoadBalancersCommand, 'DescribeLoadBalancers'],
    [mocks.elbv2, 'elbv2', DescribeListenersCommand, 'DescribeListeners'],
    [mocks.elbv2, 'elbv2', DescribeRulesCommand, 'DescribeRules'],
    [mocks.elbv2, 'elbv2', DescribeSSLPoliciesCommand, 'DescribeSSLPolicies'],
    [mocks.elb, 'elb', DescribeClassicLoadBalancersCommand, 'DescribeLoadBalancers'],
    [mocks.elb, 'elb', DescribeLoadBalancerPoliciesCommand, 'DescribeLoadBalancerPolicies'],
    [mocks.ec2, 'ec2', DescribeVpnConnectionsCommand, 'DescribeVpnConnections'],
    [mocks.ec2, 'ec2', GetActiveVpnTunnelStatusCommand, 'GetActiveVpnTunnelStatus'],
    [mocks.ec2, 'ec2', DescribeVpcsCommand, 'DescribeVpcs'],
    [mocks.ec2, 'ec2', DescribeVpcEncryptionControlsCommand, 'DescribeVpcEncryptionControls'],
    [mocks.datasync, 'datasync', ListLocationsCommand, 'ListLocations'],
    // No DescribeLocationNfs: the NFS locations' verdict follows from their listing entry (an unmocked call would
    // answer nothing and lose the location, failing the control run's 500).
    [mocks.datasync, 'datasync', DescribeLocationSmbCommand, 'DescribeLocationSmb'],
    [mocks.s3, 's3', ListBucketsCommand, 'ListBuckets'],
    [mocks.rds, 'rds', DescribeDBInstancesCommand, 'DescribeDBInstances'],
    [mocks.rds, 'rds', DescribeDBClustersCommand, 'DescribeDBClusters'],
    [mocks.pca, 'acm-pca', ListCertificateAuthoritiesCommand, 'ListCertificateAuthorities'],
    [mocks.iam, 'iam', ListServerCertificatesCommand, 'ListServerCertificates'],
    [mocks.iot, 'iot', ListIotCertificatesCommand, 'ListCertificates'],
    [mocks.iot, 'iot', ListCACertificatesCommand, 'ListCACertificates'],
    [mocks.iot, 'iot', ListDomainConfigurationsCommand, 'ListDomainConfigurations'],
    [mocks.greengrass, 'greengrass', ListCoreDevicesCommand, 'ListCoreDevices'],
    [mocks.directConnect, 'directConnect', DescribeConnectionsCommand, 'DescribeConnections'],
    [mocks.directConnect, 'directConnect', DescribeLagsCommand, 'DescribeLags'],
    [mocks.acm, 'acm', ListCertificatesCommand, 'ListCertificates'],
    [mocks.acm, 'acm', DescribeCertificateCommand, 'DescribeCertificate'],
    [mocks.apigateway, 'apigateway', GetDomainNamesCommand, 'GetDomainNames'],
    [mocks.apigateway, 'apigateway', GetRestApisCommand, 'GetRestApis'],
    [mocks.apigatewayV2, 'apigateway', GetDomainNamesV2Command, 'GetDomainNamesV2'],
  ] as const;
  for (const [mock, service, command, name] of table) {
    // biome-ignore lint/suspicious/noExplicitAny: one table for commands of five clients
    (mock as any).on(command).callsFake((input: Record<string, unknown>) => {
      const operation = `${service}:${name}`;
      const fault = injector.decide(operation, input);
      if (fault) throw faultError(fault, service, name);
      return answer(operation, input);
    });
  }
}

describe('sweep of a 500-resource account with faults at the client', () => {
  afterEach(() => {
    for (const mock of Object.values(mocks)) mock.reset();
  });

  it('evaluates every one of the 500 resources when no call fails (the control run)', async () => {
    // Prepare
    const account = generateAccount();
    const injector = createInjector({ seed: faultSeed(), rate: 0 });
    installMocks(injector, account.answer);

    // Act
    const { outcome } = await runSweep(() => createRegionalClients({ credentials: CREDENTIALS })(REGION));

    // Assess
    expect(account.resources).toHaveLength(500);
    expect(outcome.errors).toEqual([]);
    expect(evaluatedCount(account.resources, outcome)).toBe(500);
    expect(outcome.resources).toBe(500);
  });

  it('evaluates or lists as unreadable every resource when 30% of calls fail, resending only throttled ones', async () => {
    // Prepare
    const account = generateAccount();
    const injector = createInjector({ seed: faultSeed(), rate: FAULT_RATE });
    installMocks(injector, account.answer);

    // Act
    const { outcome } = await runSweep(() => createRegionalClients({ credentials: CREDENTIALS })(REGION));

    // Assess
    // About 30% of attempts failed, of all three kinds.
    const faults = injector.faults();
    expect(faults.length / injector.attempts.length).toBeGreaterThan(0.2);
    expect(faults.length / injector.attempts.length).toBeLessThan(0.4);
    expect(new Set(faults.map((attempt) => attempt.fault))).toEqual(
      new Set(['throttling', 'server', 'timeout']),
    );
    expect(dropped(account.resources, outcome)).toEqual([]);
    for (const error of outcome.errors) expect(error.message).toMatch(FAULT_REASON);
    // With the SDK mocked away each attempt is one send of the product: 5xx and timeouts are never sent again.
    expect(unboundedResends(injector.byCall())).toEqual([]);
    expect([...injector.byCall().values()].some((attempts) => attempts.length > 1)).toBe(true);
    // Some resources were still read: faults cost what they hit, not the whole sweep.
    expect(evaluatedCount(account.resources, outcome)).toBeGreaterThan(0);
  });
});
