import { DescribeCertificateAuthorityCommand } from '@aws-sdk/client-acm-pca';
import {
  GetDomainNameCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import { GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { DescribeConnectionsCommand } from '@aws-sdk/client-direct-connect';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ListenerNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetServerCertificateCommand } from '@aws-sdk/client-iam';
import {
  DescribeCACertificateCommand,
  DescribeCertificateCommand,
  DescribeDomainConfigurationCommand,
} from '@aws-sdk/client-iot';
import {
  DescribeDBClusterParametersCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBParametersCommand,
  DescribeCertificatesCommand as DescribeRdsCertificatesCommand,
} from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, GetBucketWebsiteCommand } from '@aws-sdk/client-s3';
import { GetListenerCommand } from '@aws-sdk/client-vpc-lattice';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/on-api-call.js';
import { findingIdOf } from '../../shared/state/finding-store.js';
import { type EventFixture, loadEvent, withValue } from '../fixtures/events/load.js';
import { ROUTED_API_CALLS } from '../helpers/api-calls.js';
import {
  awsError,
  CERT_API,
  CERT_RENEW,
  CERT_SHOP,
  CLASSIC_ARN,
  CLASSIC_FINDINGS,
  CLASSIC_READS,
  CONNECTION_READS,
  certificateReads,
  DATASYNC_LOCATIONS,
  DX_CONNECTION,
  DX_LAG,
  DX_LAG_MEMBER,
  EDGE_READS,
  IOT_CA_ID,
  IOT_CERTIFICATE_ID,
  IOT_DOMAIN,
  IOT_DOMAIN_RESOURCE,
  installAccount,
  LAG_READS,
  LISTENER_FINDINGS,
  RDS_CLUSTER_GROUP,
  RDS_INSTANCE_GROUP,
  SHOP_DOMAIN_ARN,
  SHOP_EDGE_LISTENER,
  SHOP_WEB_LB,
  SHOP_WEB_LISTENER,
  VPC_ID,
  VPC_READS,
  VPN_ID,
  VPN_READS,
  WEB_READS,
} from '../helpers/fake-account.js';
import {
  ACCOUNT_ID,
  ACTIONS_QUEUE_URL,
  type ExpectedRead,
  expectExactReads,
  expectedRead,
  expectPlanRecords,
  expectRejectedAsInvalid,
  FINDINGS_BUS,
  publishedEntries,
  publishedKinds,
  queuedMessages,
  readCalls,
  seedOpenFinding,
  useFunctionHarness,
} from '../helpers/lambda-env.js';
import {
  PRIVATE_CA,
  ROUTED_DATASYNC,
  ROUTED_IAM,
  ROUTED_PCA,
  ROUTED_RDS,
  ROUTED_RDS_DELETES,
  ROUTED_S3,
} from '../helpers/routed-events.js';

const harness = useFunctionHarness('on-api-call', installAccount);
const { mocks, context } = harness;

/** The recorded ModifyListener was made by transit-guard's remediation role; this one by a person. */
/** The fixture's own-role change, but made in a session the remediate function never uses. */
const inAnotherSession = (event: EventFixture) =>
  withValue(
    event,
    ['detail', 'userIdentity', 'arn'],
    'arn:aws:sts::111122223333:assumed-role/transit-guard-remediate/someone-else',
  );

const byNetworkAdmin = (event: EventFixture) =>
  withValue(event, ['detail', 'userIdentity'], {
    type: 'IAMUser',
    principalId: 'AIDACKCEVSQ6C2EXAMPLE',
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/network-admin`,
    accountId: ACCOUNT_ID,
    userName: 'network-admin',
  });

/** The target group the CreateListener and CreateRule fixtures forward to: the account has none, so it is gone. */
const SHOP_WEB_TG = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT_ID}:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57`;
const TG_READ = expectedRead('elbv2', DescribeTargetGroupsCommand, { TargetGroupArns: [SHOP_WEB_TG] });
const LATTICE_LISTENER = `arn:aws:vpc-lattice:eu-west-1:${ACCOUNT_ID}:service/svc-0a1b2c3d4e5f60718/listener/listener-0f1e2d3c4b5a69788`;

interface Row {
  eventName: string;
  fixture: string;
  prepare?: (event: EventFixture) => EventFixture;
  reads: ExpectedRead[];
  findings: string[];
  /** The resource every published finding is about. */
  resourceId?: string;
}

const ROWS: Row[] = [
  // ELBv2 (apiVersion 2015-12-01)
  {
    eventName: 'CreateListener',
    fixture: 'cloudtrail-elbv2-create-listener',
    reads: [...WEB_READS, TG_READ],
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_WEB_LISTENER,
  },
  {
    eventName: 'ModifyListener',
    fixture: 'cloudtrail-elbv2-modify-listener',
    prepare: byNetworkAdmin,
    reads: WEB_READS,
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_WEB_LISTENER,
  },
  {
    eventName: 'CreateRule',
    fixture: 'cloudtrail-elbv2-create-rule',
    reads: [...WEB_READS, TG_READ],
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_WEB_LISTENER,
  },
  {
    eventName: 'ModifyRule',
    fixture: 'cloudtrail-elbv2-modify-rule',
    reads: WEB_READS,
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_WEB_LISTENER,
  },
  {
    eventName: 'AddListenerCertificates',
    fixture: 'cloudtrail-elbv2-add-listener-certificates',
    reads: EDGE_READS,
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_EDGE_LISTENER,
  },
  {
    // Its third rule belongs to a listener that is gone: read once, not found, nothing to judge.
    eventName: 'SetRulePriorities',
    fixture: 'cloudtrail-elbv2-set-rule-priorities',
    reads: [
      ...WEB_READS,
      expectedRead('elbv2', DescribeListenersCommand, {
        ListenerArns: [SHOP_WEB_LISTENER.replace('8e2d4c6a1b3f5d70', '2a9c7e5d3b1f4068')],
      }),
    ],
    findings: LISTENER_FINDINGS,
    resourceId: SHOP_WEB_LISTENER,
  },
  // A deleted resource is not read: its open findings are resolved (none are open here; see the tests below).
  ...[
    ['DeleteListener', 'cloudtrail-elbv2-delete-listener'],
    ['DeleteLoadBalancer', 'cloudtrail-elbv2-delete-load-balancer'],
    ['DeleteLoadBalancer', 'cloudtrail-elb-delete-load-balancer'],
    ['DeleteVpnConnection', 'cloudtrail-ec2-delete-vpn-connection'],
    ['DeleteConnection', 'cloudtrail-directconnect-delete-connection'],
    ['DeleteLag', 'cloudtrail-directconnect-delete-lag'],
    ['DeleteTargetGroup', 'cloudtrail-elbv2-delete-target-group'],
    ['DeleteListener', 'cloudtrail-vpc-lattice-delete-listener'],
    ['DeleteService', 'cloudtrail-vpc-lattice-delete-service'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: [],
      findings: [],
    }),
  ),
  // Target groups and VPC Lattice listeners the account does not have: read once, found gone, nothing published.
  ...[
    ['CreateTargetGroup', 'cloudtrail-elbv2-create-target-group'],
    ['ModifyTargetGroup', 'cloudtrail-elbv2-modify-target-group'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: [TG_READ],
      findings: [],
    }),
  ),
  ...[
    ['CreateListener', 'cloudtrail-vpc-lattice-create-listener'],
    ['UpdateListener', 'cloudtrail-vpc-lattice-update-listener'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: [
        expectedRead('lattice', GetListenerCommand, {
          serviceIdentifier: 'svc-0a1b2c3d4e5f60718',
          listenerIdentifier: LATTICE_LISTENER,
        }),
      ],
      findings: [],
    }),
  ),
  // classic ELB (apiVersion 2012-06-01)
  ...[
    ['CreateLoadBalancer', 'cloudtrail-elb-create-load-balancer'],
    ['CreateLoadBalancerListeners', 'cloudtrail-elb-create-load-balancer-listeners'],
    ['SetLoadBalancerPoliciesOfListener', 'cloudtrail-elb-set-load-balancer-policies-of-listener'],
    ['CreateLoadBalancerPolicy', 'cloudtrail-elb-create-load-balancer-policy'],
    ['DeleteLoadBalancerListeners', 'cloudtrail-elb-delete-load-balancer-listeners'],
    ['SetLoadBalancerListenerSSLCertificate', 'cloudtrail-elb-set-load-balancer-listener-ssl-certificate'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: CLASSIC_READS,
      findings: CLASSIC_FINDINGS,
      // DescribeLoadBalancers carries no ARN: the finding names the load balancer.
      resourceId: CLASSIC_ARN,
    }),
  ),
  // Site-to-Site VPN
  ...[
    ['CreateVpnConnection', 'cloudtrail-ec2-create-vpn-connection'],
    ['ModifyVpnTunnelOptions', 'cloudtrail-ec2-modify-vpn-tunnel-options'],
    ['ModifyVpnConnection', 'cloudtrail-ec2-modify-vpn-connection'],
    ['ModifyVpnConnectionOptions', 'cloudtrail-ec2-modify-vpn-connection-options'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: VPN_READS,
      findings: ['finding:vpn-tunnel-ike-version'],
      resourceId: VPN_ID,
    }),
  ),
  // VPC encryption controls: every call re-reads the VPC (deleting the control leaves the VPC).
  ...[
    ['CreateVpc', 'cloudtrail-ec2-create-vpc'],
    ['CreateVpcEncryptionControl', 'cloudtrail-ec2-create-vpc-encryption-control'],
    ['ModifyVpcEncryptionControl', 'cloudtrail-ec2-modify-vpc-encryption-control'],
    ['DeleteVpcEncryptionControl', 'cloudtrail-ec2-delete-vpc-encryption-control'],
  ].map(
    ([eventName, fixture]): Row => ({
      eventName: eventName as string,
      fixture: fixture as string,
      reads: VPC_READS,
      findings: ['finding:vpc-encryption-control'],
      resourceId: VPC_ID,
    }),
  ),
  // Direct Connect
  {
    eventName: 'CreateConnection',
    fixture: 'cloudtrail-directconnect-create-connection',
    reads: CONNECTION_READS,
    findings: ['finding:dx-connection-macsec-fail-open'],
    resourceId: DX_CONNECTION,
  },
  {
    eventName: 'UpdateConnection',
    fixture: 'cloudtrail-directconnect-update-connection',
    reads: CONNECTION_READS,
    findings: ['finding:dx-connection-macsec-fail-open'],
    resourceId: DX_CONNECTION,
  },
  {
    eventName: 'AssociateMacSecKey',
    fixture: 'cloudtrail-directconnect-associate-macsec-key',
    reads: LAG_READS,
    findings: ['finding:dx-connection-macsec'],
    resourceId: DX_LAG,
  },
  {
    eventName: 'DisassociateMacSecKey',
    fixture: 'cloudtrail-directconnect-disassociate-macsec-key',
    reads: CONNECTION_READS,
    findings: ['finding:dx-connection-macsec-fail-open'],
    resourceId: DX_CONNECTION,
  },
  {
    eventName: 'CreateLag',
    fixture: 'cloudtrail-directconnect-create-lag',
    reads: LAG_READS,
    findings: ['finding:dx-connection-macsec'],
    resourceId: DX_LAG,
  },
  {
    eventName: 'UpdateLag',
    fixture: 'cloudtrail-directconnect-update-lag',
    reads: LAG_READS,
    findings: ['finding:dx-connection-macsec'],
    resourceId: DX_LAG,
  },
  {
    eventName: 'AssociateConnectionWithLag',
    fixture: 'cloudtrail-directconnect-associate-connection-with-lag',
    reads: [
      expectedRead('directConnect', DescribeConnectionsCommand, { connectionId: DX_LAG_MEMBER }),
      ...LAG_READS,
    ],
    findings: ['finding:dx-connection-macsec'],
    resourceId: DX_LAG,
  },
  {
    eventName: 'DisassociateConnectionFromLag',
    fixture: 'cloudtrail-directconnect-disassociate-connection-from-lag',
    reads: [
      expectedRead('directConnect', DescribeConnectionsCommand, { connectionId: DX_LAG_MEMBER }),
      ...LAG_READS,
    ],
    findings: ['finding:dx-connection-macsec'],
    resourceId: DX_LAG,
  },
  {
    eventName: 'ConfirmConnection',
    fixture: 'cloudtrail-directconnect-confirm-connection',
    reads: CONNECTION_READS,
    findings: ['finding:dx-connection-macsec-fail-open'],
    resourceId: DX_CONNECTION,
  },
  // ACM
  {
    eventName: 'ImportCertificate',
    fixture: 'cloudtrail-acm-import-certificate',
    reads: certificateReads(CERT_API),
    findings: ['finding:acm-certificate-key-strength'],
    resourceId: CERT_API,
  },
  {
    eventName: 'RequestCertificate',
    fixture: 'cloudtrail-acm-request-certificate',
    reads: certificateReads(CERT_SHOP),
    findings: [],
  },
  {
    eventName: 'RenewCertificate',
    fixture: 'cloudtrail-acm-renew-certificate',
    reads: certificateReads(CERT_RENEW),
    findings: ['finding:acm-certificate-expiry'],
    resourceId: CERT_RENEW,
  },
  {
    // A deleted certificate is not read: its open findings are resolved (none are open here).
    eventName: 'DeleteCertificate',
    fixture: 'cloudtrail-acm-delete-certificate',
    reads: [],
    findings: [],
  },
  // CloudFront: the account has no distribution. Each one named is read once, found gone, nothing published.
  ...(
    [
      ['CreateDistribution', 'create-distribution', 'E4NEWEXAMPLE44'],
      ['CreateDistributionWithTags', 'create-distribution-with-tags', 'E5TAGGEDEXAMPLE'],
      ['CopyDistribution', 'copy-distribution', 'E6STAGINGEXAMPLE'],
      ['UpdateDistribution', 'update-distribution', 'E2SAFEEXAMPLE2'],
    ] as const
  ).map(
    ([eventName, slug, id]): Row => ({
      eventName,
      fixture: `cloudtrail-cloudfront-${slug}`,
      reads: [expectedRead('cloudfront', GetDistributionCommand, { Id: id })],
      findings: [],
    }),
  ),
  {
    // A deleted distribution is not read: its open findings are resolved (none are open here).
    eventName: 'DeleteDistribution',
    fixture: 'cloudtrail-cloudfront-delete-distribution',
    reads: [],
    findings: [],
  },
  // API Gateway: the account has the domain legacy.shop.example.net (TLS_1_0) and no REST API.
  ...['CreateDomainName', 'UpdateDomainName'].map(
    (eventName): Row => ({
      eventName,
      fixture: `cloudtrail-apigateway-${eventName === 'CreateDomainName' ? 'create' : 'update'}-domain-name`,
      reads: [expectedRead('apigateway', GetDomainNameCommand, { domainName: 'legacy.shop.example.net' })],
      findings: ['finding:apigateway-domain-tls-policy'],
      resourceId: SHOP_DOMAIN_ARN,
    }),
  ),
  ...(
    [
      ['CreateRestApi', 'create-rest-api'],
      ['ImportRestApi', 'import-rest-api'],
      ['PutRestApi', 'put-rest-api'],
      ['UpdateRestApi', 'update-rest-api'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-apigateway-${slug}`,
      // The REST API is gone by the time it is read: nothing to judge.
      reads: [expectedRead('apigateway', GetRestApiCommand, { restApiId: 'a1b2c3d4e5' })],
      findings: [],
    }),
  ),
  ...(
    [
      ['CreateStage', 'create-stage'],
      ['UpdateStage', 'update-stage'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-apigateway-${slug}`,
      reads: [expectedRead('apigateway', GetStageCommand, { restApiId: 'a1b2c3d4e5', stageName: 'prod' })],
      findings: [],
    }),
  ),
  // An integration change re-reads every stage of its REST API (GetStages): the API is gone, nothing to judge.
  ...(
    [
      ['PutIntegration', 'put-integration'],
      ['UpdateIntegration', 'update-integration'],
      ['DeleteIntegration', 'delete-integration'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-apigateway-${slug}`,
      reads: [expectedRead('apigateway', GetStagesCommand, { restApiId: 'a1b2c3d4e5' })],
      findings: [],
    }),
  ),
  ...(
    [
      ['DeleteDomainName', 'delete-domain-name'],
      ['DeleteRestApi', 'delete-rest-api'],
      ['DeleteStage', 'delete-stage'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-apigateway-${slug}`,
      reads: [],
      findings: [],
    }),
  ),
  // DataSync: each CreateLocation*/UpdateLocation* reads its location with the one Describe* of its kind; the
  // fake account's locations all have a plaintext or unverifiable leg but S3's and Azure Blob's (always HTTPS).
  ...ROUTED_DATASYNC.filter((routed) => !routed.deleted).map((routed): Row => {
    const locationArn = routed.refs[0]?.resourceId ?? '';
    const kind = routed.eventName.replace(/^(Create|Update)Location/, '');
    const [command] = DATASYNC_LOCATIONS.find(([c]) => c.name === `DescribeLocation${kind}Command`) ?? [];
    if (!command) throw new Error(`no fake DataSync answer for ${routed.eventName}`);
    return {
      eventName: routed.eventName,
      fixture: routed.fixture,
      reads: [expectedRead('datasync', command, { LocationArn: locationArn })],
      findings: kind === 'S3' || kind === 'AzureBlob' ? [] : ['finding:datasync-location-plaintext'],
      resourceId: locationArn,
    };
  }),
  {
    // A deleted location is not read: its open findings are resolved (none are open here).
    eventName: 'DeleteLocation',
    fixture: 'cloudtrail-datasync-delete-location',
    reads: [],
    findings: [],
  },
  // S3: each call reads the bucket's policy and website; the fake bucket has neither, so the missing Deny is found.
  ...ROUTED_S3.map(
    (routed): Row => ({
      eventName: routed.eventName,
      fixture: routed.fixture,
      reads: [
        expectedRead('s3', GetBucketPolicyCommand, { Bucket: 'shop-assets-eu' }),
        expectedRead('s3', GetBucketWebsiteCommand, { Bucket: 'shop-assets-eu' }),
      ],
      findings: ['finding:s3-bucket-secure-transport'],
      resourceId: 'arn:aws:s3:::shop-assets-eu',
    }),
  ),
  // RDS: a database call reads that database (by identifier) and its group's TLS parameter (and, for an instance,
  // the region's CAs); a parameter group call reads the region's databases and keeps those of the group: the fake
  // account's listings hold none. Deleting calls read nothing.
  ...ROUTED_RDS.map((routed): Row => {
    const target = routed.refs[0];
    const id = target?.name ?? '';
    const isGroup = /:(pg|cluster-pg):/.test(target?.resourceId ?? '');
    const isInstance = target?.resourceType === 'AWS::RDS::DBInstance';
    const filter = (name: string) => [{ Name: 'parameter-name', Values: [name] }];
    if (isGroup) {
      return {
        eventName: routed.eventName,
        fixture: routed.fixture,
        reads: [
          isInstance
            ? expectedRead('rds', DescribeDBInstancesCommand, { MaxRecords: 100 })
            : expectedRead('rds', DescribeDBClustersCommand, { MaxRecords: 100 }),
        ],
        findings: [],
      };
    }
    return {
      eventName: routed.eventName,
      fixture: routed.fixture,
      reads: isInstance
        ? [
            expectedRead('rds', DescribeDBInstancesCommand, { DBInstanceIdentifier: id }),
            expectedRead('rds', DescribeDBParametersCommand, {
              DBParameterGroupName: RDS_INSTANCE_GROUP,
              Filters: filter('rds.force_ssl'),
            }),
            expectedRead('rds', DescribeRdsCertificatesCommand, { MaxRecords: 100 }),
          ]
        : [
            expectedRead('rds', DescribeDBClustersCommand, { DBClusterIdentifier: id }),
            expectedRead('rds', DescribeDBClusterParametersCommand, {
              DBClusterParameterGroupName: RDS_CLUSTER_GROUP,
              Filters: filter('require_secure_transport'),
            }),
          ],
      findings: ['finding:rds-transport-not-enforced'],
      resourceId: target?.resourceId ?? '',
    };
  }),
  ...ROUTED_RDS_DELETES.map(
    (routed): Row => ({ eventName: routed.eventName, fixture: routed.fixture, reads: [], findings: [] }),
  ),
  // Private CA: each call but the deletion reads its CA, which the fake account answers with no revocation.
  ...ROUTED_PCA.map(
    (routed): Row =>
      routed.deleted
        ? { eventName: routed.eventName, fixture: routed.fixture, reads: [], findings: [] }
        : {
            eventName: routed.eventName,
            fixture: routed.fixture,
            reads: [
              expectedRead('pca', DescribeCertificateAuthorityCommand as never, {
                CertificateAuthorityArn: PRIVATE_CA,
              }),
            ],
            findings: ['finding:pca-authority-revocation'],
            resourceId: PRIVATE_CA,
          },
  ),
  // IAM (global, us-east-1): each call but the deletion reads its certificate by name; the fake account's
  // expired in 2020. The rename row moves the certificate to another path only, so one name is read.
  ...ROUTED_IAM.map(
    (routed): Row =>
      routed.deleted
        ? { eventName: routed.eventName, fixture: routed.fixture, reads: [], findings: [] }
        : {
            eventName: routed.eventName,
            fixture: routed.fixture,
            ...(routed.eventName === 'UpdateServerCertificate'
              ? {
                  prepare: (event: EventFixture) =>
                    withValue(event, ['detail', 'requestParameters', 'newServerCertificateName'], undefined),
                }
              : {}),
            reads: [
              expectedRead('iam', GetServerCertificateCommand, { ServerCertificateName: 'legacy-api-2026' }),
            ],
            findings: ['finding:iam-server-certificate-expiry'],
            resourceId: 'legacy-api-2026',
          },
  ),
  // AWS IoT: a certificate call describes the one certificate (ACTIVE, RSA-2048, far from expiry: its things are
  // not listed, nothing fails); a CA call its CA; a domain configuration call the configuration by name.
  ...(
    [
      ['CreateCertificateFromCsr', 'create-certificate-from-csr'],
      ['CreateKeysAndCertificate', 'create-keys-and-certificate'],
      ['RegisterCertificate', 'register-certificate'],
      ['UpdateCertificate', 'update-certificate'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-iot-${slug}`,
      reads: [expectedRead('iot', DescribeCertificateCommand, { certificateId: IOT_CERTIFICATE_ID })],
      findings: [],
    }),
  ),
  ...(
    [
      ['RegisterCACertificate', 'register-ca-certificate'],
      ['UpdateCACertificate', 'update-ca-certificate'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-iot-${slug}`,
      reads: [expectedRead('iot', DescribeCACertificateCommand, { certificateId: IOT_CA_ID })],
      findings: [],
    }),
  ),
  ...(
    [
      ['CreateDomainConfiguration', 'create-domain-configuration'],
      ['UpdateDomainConfiguration', 'update-domain-configuration'],
    ] as const
  ).map(
    ([eventName, slug]): Row => ({
      eventName,
      fixture: `cloudtrail-iot-${slug}`,
      reads: [
        expectedRead('iot', DescribeDomainConfigurationCommand, { domainConfigurationName: IOT_DOMAIN }),
      ],
      findings: ['finding:iot-domain-tls-policy'],
      resourceId: IOT_DOMAIN_RESOURCE,
    }),
  ),
];

describe('on-api-call handler', () => {
  it('has a test row for every routed CloudTrail call', () => {
    // Prepare
    // CreateListener and DeleteListener are calls of both ELBv2 and VPC Lattice: each has a row per source.
    const routed = [...new Set(Object.values(ROUTED_API_CALLS).flat())];

    // Act: DeleteLoadBalancer has a row per API.
    const tested = new Set(ROWS.map((row) => row.eventName));

    // Assess
    expect([...tested].sort()).toEqual([...routed].sort());
    expect(ROWS.map((row) => row.fixture)).toContain('cloudtrail-elb-delete-load-balancer');
    expect(ROWS.map((row) => row.fixture)).toContain('cloudtrail-elbv2-delete-load-balancer');
  });

  it.each(ROWS)(
    '$eventName ($fixture): reads exactly the current state it needs and publishes its findings',
    async (row) => {
      // Prepare
      const fixture = loadEvent(row.fixture);
      const event = row.prepare ? row.prepare(fixture) : fixture;

      // Act
      const result = await handler(event, context);

      // Assess
      expect(result).toMatchObject({ eventId: fixture.id });
      expectExactReads(mocks, row.reads);
      expect(publishedKinds(mocks)).toEqual(row.findings);
      expectPlanRecords(mocks);
      for (const entry of publishedEntries(mocks)) {
        expect(entry).toMatchObject({
          Source: 'transit-guard',
          DetailType: 'Transit Finding',
          EventBusName: FINDINGS_BUS,
          detail: {
            triggerId: fixture.id,
            evaluation: { resourceId: row.resourceId, status: 'NON_COMPLIANT' },
          },
        });
      }
    },
  );

  it.each([
    ['a person', byNetworkAdmin, 1],
    ['transit-guard remediation role (loop guard)', (event: EventFixture) => event, 0],
    ["transit-guard's role in another session than the remediate function's", inAnotherSession, 1],
  ])(
    'ModifyListener by %s: describes and queues actions only when it is not its own change',
    async (_who, prepare, expectedReads) => {
      // Prepare
      const event = prepare(loadEvent('cloudtrail-elbv2-modify-listener'));

      // Act
      const result = await handler(event, context);

      // Assess
      const queued = queuedMessages(mocks, ACTIONS_QUEUE_URL);
      if (expectedReads === 0) {
        expect(result).toMatchObject({ ignored: expect.stringContaining('loop guard'), evaluated: 0 });
        expect(readCalls(mocks)).toEqual([]);
        expect(mocks.eventBridge).not.toReceiveCommand(PutEventsCommand);
        expect(queued).toEqual([]);
      } else {
        expectExactReads(mocks, WEB_READS);
        expect(queued).toContainEqual(
          expect.objectContaining({
            ruleId: 'elbv2-listener-tls-policy',
            ref: expect.objectContaining({ resourceId: SHOP_WEB_LISTENER }),
          }),
        );
      }
    },
  );

  it('resolves the open finding of a listener that no longer exists instead of failing', async () => {
    // Prepare
    await seedOpenFinding(
      harness.env.findings,
      'elbv2-listener-tls-policy',
      'AWS::ElasticLoadBalancingV2::Listener',
      SHOP_WEB_LISTENER,
    );
    mocks.elbv2
      .on(DescribeListenersCommand, { ListenerArns: [SHOP_WEB_LISTENER] })
      .rejects(new ListenerNotFoundException({ message: 'One or more listeners not found', $metadata: {} }));

    // Act
    const result = await handler(loadEvent('cloudtrail-elbv2-modify-rule'), context);

    // Assess
    expect(result).toMatchObject({ evaluated: 0, resolved: 1 });
    expectExactReads(mocks, [
      expectedRead('elbv2', DescribeListenersCommand, { ListenerArns: [SHOP_WEB_LISTENER] }),
    ]);
    expect(publishedKinds(mocks)).toEqual(['resolution:elbv2-listener-tls-policy']);
    expect(publishedEntries(mocks)[0]?.detail.evaluation).toMatchObject({
      resourceId: SHOP_WEB_LISTENER,
      status: 'NOT_APPLICABLE',
    });
    expect(
      await harness.env.findings.get(findingIdOf('elbv2-listener-tls-policy', SHOP_WEB_LISTENER)),
    ).toMatchObject({
      state: 'resolved',
      resolution: 'deleted',
    });
  });

  it('resolves the open findings of a deleted certificate without reading it', async () => {
    // Prepare
    await seedOpenFinding(
      harness.env.findings,
      'acm-certificate-key-strength',
      'AWS::ACM::Certificate',
      CERT_API,
    );

    // Act
    const result = await handler(loadEvent('cloudtrail-acm-delete-certificate'), context);

    // Assess
    expect(result).toMatchObject({ resolved: 1 });
    expect(readCalls(mocks)).toEqual([]);
    expect(publishedKinds(mocks)).toEqual(['resolution:acm-certificate-key-strength']);
  });

  it('closes the findings of every listener of a deleted ELBv2 load balancer at once, without reading anything', async () => {
    // Prepare: two listeners of shop-web (one gone from the account already) and the listener of shop-edge.
    const secondWebListener = SHOP_WEB_LISTENER.replace('8e2d4c6a1b3f5d70', '2a9c7e5d3b1f4068');
    const seeded: [string, string][] = [
      ['elbv2-listener-tls-policy', SHOP_WEB_LISTENER],
      ['elbv2-listener-weak-ciphers', SHOP_WEB_LISTENER],
      ['elbv2-listener-plaintext', secondWebListener],
      ['elbv2-listener-tls-policy', SHOP_EDGE_LISTENER],
    ];
    for (const [ruleId, listenerArn] of seeded) {
      await seedOpenFinding(
        harness.env.findings,
        ruleId,
        'AWS::ElasticLoadBalancingV2::Listener',
        listenerArn,
      );
    }

    // Act
    const result = await handler(loadEvent('cloudtrail-elbv2-delete-load-balancer'), context);

    // Assess
    expect(result).toMatchObject({ evaluated: 0, resolved: 3 });
    expect(readCalls(mocks)).toEqual([]);
    expect([...publishedKinds(mocks)].sort()).toEqual([
      'resolution:elbv2-listener-plaintext',
      'resolution:elbv2-listener-tls-policy',
      'resolution:elbv2-listener-weak-ciphers',
    ]);
    for (const [ruleId, listenerArn] of seeded.slice(0, 3)) {
      expect(await harness.env.findings.get(findingIdOf(ruleId, listenerArn))).toMatchObject({
        state: 'resolved',
        resolution: 'deleted',
      });
    }
    expect(
      await harness.env.findings.get(findingIdOf('elbv2-listener-tls-policy', SHOP_EDGE_LISTENER)),
    ).toMatchObject({ state: 'open' });
  });

  it.each([
    [
      'cloudtrail-elbv2-delete-listener',
      'elbv2-listener-tls-policy',
      'AWS::ElasticLoadBalancingV2::Listener',
      SHOP_WEB_LISTENER,
    ],
    [
      'cloudtrail-elb-delete-load-balancer',
      'elb-listener-tls-policy',
      'AWS::ElasticLoadBalancing::LoadBalancer',
      CLASSIC_ARN,
    ],
    ['cloudtrail-ec2-delete-vpn-connection', 'vpn-tunnel-ike-version', 'AWS::EC2::VPNConnection', VPN_ID],
    [
      'cloudtrail-directconnect-delete-connection',
      'dx-connection-macsec',
      'AWS::DirectConnect::Connection',
      DX_CONNECTION,
    ],
    ['cloudtrail-directconnect-delete-lag', 'dx-connection-macsec', 'AWS::DirectConnect::Lag', DX_LAG],
  ] as const)(
    '%s closes the open finding of the deleted resource at once, without reading it',
    async (fixture, ruleId, resourceType, resourceId) => {
      // Prepare
      await seedOpenFinding(harness.env.findings, ruleId, resourceType, resourceId);

      // Act
      const result = await handler(loadEvent(fixture), context);

      // Assess
      expect(result).toMatchObject({ evaluated: 0, resolved: 1 });
      expect(readCalls(mocks)).toEqual([]);
      expect(publishedKinds(mocks)).toEqual([`resolution:${ruleId}`]);
      expect(publishedEntries(mocks)[0]?.detail.evaluation).toMatchObject({
        resourceId,
        status: 'NOT_APPLICABLE',
      });
      expect(await harness.env.findings.get(findingIdOf(ruleId, resourceId))).toMatchObject({
        state: 'resolved',
        resolution: 'deleted',
      });
    },
  );

  it("DeleteLoadBalancerListeners re-reads the classic load balancer: the removed plaintext listener's finding resolves as fixed", async () => {
    // Prepare: port 80 was plaintext; the load balancer now has its HTTPS listener only.
    await seedOpenFinding(
      harness.env.findings,
      'elb-listener-plaintext',
      'AWS::ElasticLoadBalancing::LoadBalancer',
      CLASSIC_ARN,
    );

    // Act
    const result = await handler(loadEvent('cloudtrail-elb-delete-load-balancer-listeners'), context);

    // Assess
    expectExactReads(mocks, CLASSIC_READS);
    expect(result).toMatchObject({ resolved: 1 });
    expect(publishedKinds(mocks)).toContain('resolution:elb-listener-plaintext');
    expect(await harness.env.findings.get(findingIdOf('elb-listener-plaintext', CLASSIC_ARN))).toMatchObject({
      state: 'resolved',
      resolution: 'fixed',
    });
  });

  it('rejects when a describe call keeps failing, so Lambda retries the event and then dead-letters it', async () => {
    // Prepare: what the SDK throws once its own retries are spent (throttling is paced and retried by the reader).
    mocks.elbv2
      .on(DescribeLoadBalancersCommand)
      .rejects(awsError('ServiceUnavailable', 'Service is unavailable', 503));

    // Act
    const invocation = handler(loadEvent('cloudtrail-elbv2-create-listener'), context);

    // Assess
    await expect(invocation).rejects.toMatchObject({
      name: 'InventoryReadError',
      message: expect.stringContaining(`DescribeLoadBalancers ${SHOP_WEB_LB}`),
    });
    expect(harness.output.metric('UnreadableResources')).toBe(1);
    expect(mocks.eventBridge).not.toReceiveCommand(PutEventsCommand);
  });

  it.each([
    {
      problem: 'a CloudTrail record without an event name',
      event: withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['detail', 'eventName'], undefined),
      errorName: 'EventValidationError',
      reason: /detail\.eventName/,
    },
    {
      problem: 'a listener ARN that is not one',
      event: withValue(
        loadEvent('cloudtrail-elbv2-modify-rule'),
        ['detail', 'requestParameters', 'ruleArn'],
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57',
      ),
      errorName: 'EventValidationError',
      reason: /detail\.requestParameters\.ruleArn: expected a listener rule ARN/,
    },
    {
      problem: 'an event from a source nothing routes',
      event: withValue(loadEvent('cloudtrail-elbv2-create-listener'), ['source'], 'aws.sqs'),
      // Not a *ValidationError by name: the handler wraps it, keeping its message and event id.
      errorName: 'UnsupportedEventError',
      reason: /no CloudTrail routes for "aws\.sqs"/,
    },
  ])(
    'refuses $problem: logged with its id, counted, rejected, and no AWS call made',
    async ({ event, errorName, reason }) => {
      // Act
      const invocation = handler(event, context);

      // Assess
      await expectRejectedAsInvalid(invocation, mocks, harness.output, {
        errorName,
        reason,
        eventId: String(event.id),
      });
    },
  );

  it('UploadServerCertificate: the certificate is judged with the listeners the sweep recorded serving it, as the sweep judges it', async () => {
    // Prepare: a sweep item of eu-west-1 recorded a listener naming the certificate the event uploads.
    const certificateArn = `arn:aws:iam::${ACCOUNT_ID}:server-certificate/legacy-api-2026`;
    await harness.env.certificateUsers.record([{ arn: certificateArn, user: SHOP_WEB_LISTENER }], new Date());

    // Act
    const result = await handler(loadEvent('cloudtrail-iam-upload-server-certificate'), context);

    // Assess: expired (the account's answer) while served: critical, naming the listener.
    expect(result).toMatchObject({ evaluated: 1, nonCompliant: 1 });
    expect(publishedEntries(mocks)[0]?.detail.evaluation).toMatchObject({
      ruleId: 'iam-server-certificate-expiry',
      resourceId: 'legacy-api-2026',
      severity: 'critical',
      reason: expect.stringContaining(`still served by ${SHOP_WEB_LISTENER}`),
      details: { inUse: true, inUseBy: [SHOP_WEB_LISTENER] },
    });
  });

  it('CreateKeysAndCertificate: nothing of the private key in its response reaches the logs or the findings', async () => {
    // Prepare: the fixture's responseElements carry keyPair.PrivateKey, as the API returns it.
    const event = loadEvent('cloudtrail-iot-create-keys-and-certificate');
    const secret = 'TRANSIT-GUARD-TEST-PRIVATE-KEY-MUST-NEVER-BE-LOGGED';
    expect(JSON.stringify(event)).toContain(secret);

    // Act
    await handler(event, context);

    // Assess: the handler did log (its records name the event), and none holds the key.
    expect(harness.output.text()).toContain(String(event.id));
    expect(harness.output.text()).not.toContain(secret);
    expect(harness.output.text()).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(publishedEntries(mocks))).not.toContain(secret);
    expect(JSON.stringify(queuedMessages(mocks, ACTIONS_QUEUE_URL))).not.toContain(secret);
  });
});
