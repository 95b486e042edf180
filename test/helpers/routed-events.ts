/**
 * What the event routers should make of the families' events: the CloudTrail calls each family routes (one
 * fixture each) with the actors and expected results they share, and the refs and items of Config item changes.
 * The core router suites (test/shared/events) and each family's events suite share them.
 */
import { expect, it } from 'vitest';
import { routeCloudTrail } from '../../shared/events/cloudtrail.js';
import type { DataSyncLocationType } from '../../shared/families/datasync/model.js';
import type { Actor, ResourceRef } from '../../shared/model/ref.js';
import { ACCOUNT_ID, type EventFixture, loadEvent, REGION } from '../fixtures/events/load.js';

export const ELB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT_ID}`;
export const HTTPS_LISTENER = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/8e2d4c6a1b3f5d70`;
export const HTTP_LISTENER = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/2a9c7e5d3b1f4068`;
/** The target group the CreateListener and CreateRule fixtures forward to. */
export const SHOP_WEB_TARGET_GROUP = `${ELB_ARN}:targetgroup/shop-web-tg/0d8e6c4a2b1f3e57`;
const TLS_LISTENER = `${ELB_ARN}:listener/net/shop-edge/7b2e4d6f8a1c3e50/d4f6a8c0e2b4d6f8`;
export const CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/7e3f9c1a-52d4-4b8e-9a6f-0c2d4e6f8a10`;
export const IMPORTED_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/2b4d6f80-13a5-4c7e-8f90-a1b2c3d4e5f6`;
const PRIVATE_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT_ID}:certificate/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d`;
export const VPN = 'vpn-0c7d8e9f0a1b2c3d4';
/** Every listener of the shop-web load balancer: its listener ARNs all start with this. */
export const SHOP_WEB_LISTENERS = `${ELB_ARN}:listener/app/shop-web/4f1c0d2e9a7b3c55/`;

const SSO_ROLE = 'AWSReservedSSO_NetworkAdmin_5c1e2a9d7b3f0e46';
const SSO_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${SSO_ROLE}/jane.doe@example.com`,
  principalId: 'AROARZ4EXAMPLEXQ3T7KD:jane.doe@example.com',
  accountId: ACCOUNT_ID,
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/${REGION}/${SSO_ROLE}`,
  sessionName: 'jane.doe@example.com',
};
const IAM_USER_ACTOR: Actor = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT_ID}:user/ops-automation`,
  principalId: 'AIDARZ4EXAMPLEW6KJ3LM',
  accountId: ACCOUNT_ID,
};
const TRANSIT_GUARD_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/transit-guard-remediate/transit-guard-remediation`,
  principalId: 'AROARZ4EXAMPLEJ8H5GF2:transit-guard-remediation',
  accountId: ACCOUNT_ID,
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/transit-guard-remediate`,
  sessionName: 'transit-guard-remediation',
};
const CLOUDFORMATION_ACTOR: Actor = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/cfn-deploy/AWSCloudFormation`,
  principalId: 'AROARZ4EXAMPLEP0O9I8U:AWSCloudFormation',
  accountId: ACCOUNT_ID,
  invokedBy: 'cloudformation.amazonaws.com',
  roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/cfn-deploy`,
  sessionName: 'AWSCloudFormation',
};

export function ref(
  resourceType: ResourceRef['resourceType'],
  resourceId: string,
  name?: string,
): ResourceRef {
  const result: ResourceRef = { resourceType, resourceId, accountId: ACCOUNT_ID, region: REGION };
  if (name !== undefined) result.name = name;
  return result;
}
export const listener = (arn: string) => ref('AWS::ElasticLoadBalancingV2::Listener', arn);
export const classic = ref(
  'AWS::ElasticLoadBalancing::LoadBalancer',
  `${ELB_ARN}:loadbalancer/legacy-api`,
  'legacy-api',
);

function detailOf(event: EventFixture): Record<string, unknown> {
  return event.detail as Record<string, unknown>;
}

function expectedInspect(
  event: EventFixture,
  refs: ResourceRef[],
  actor: Actor,
  deleted = false,
  byPrefix = false,
) {
  const detail = detailOf(event);
  return {
    kind: 'inspect',
    eventId: event.id,
    eventName: detail.eventName,
    eventTime: detail.eventTime,
    actor,
    refs,
    ...(deleted ? { deleted: true } : {}),
    ...(byPrefix ? { byPrefix: true } : {}),
  };
}

export interface RoutedCase {
  fixture: string;
  eventName: string;
  refs: ResourceRef[];
  actor: Actor;
  deleted?: boolean;
  /** The refs are id prefixes: every resource under one is gone. */
  byPrefix?: boolean;
}

export const ROUTED_ELBV2: RoutedCase[] = [
  {
    fixture: 'cloudtrail-elbv2-create-listener',
    eventName: 'CreateListener',
    refs: [listener(HTTPS_LISTENER), ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-modify-listener',
    eventName: 'ModifyListener',
    refs: [listener(HTTPS_LISTENER)],
    actor: TRANSIT_GUARD_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-create-rule',
    eventName: 'CreateRule',
    refs: [listener(HTTPS_LISTENER), ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-modify-rule',
    eventName: 'ModifyRule',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-add-listener-certificates',
    eventName: 'AddListenerCertificates',
    refs: [listener(TLS_LISTENER)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-set-rule-priorities',
    eventName: 'SetRulePriorities',
    refs: [listener(HTTPS_LISTENER), listener(HTTP_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-delete-listener',
    eventName: 'DeleteListener',
    refs: [listener(HTTPS_LISTENER)],
    actor: SSO_ACTOR,
    deleted: true,
  },
  {
    // The record names the load balancer only: every listener under it is gone.
    fixture: 'cloudtrail-elbv2-delete-load-balancer',
    eventName: 'DeleteLoadBalancer',
    refs: [listener(SHOP_WEB_LISTENERS)],
    actor: SSO_ACTOR,
    deleted: true,
    byPrefix: true,
  },
  {
    fixture: 'cloudtrail-elbv2-create-target-group',
    eventName: 'CreateTargetGroup',
    refs: [ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-modify-target-group',
    eventName: 'ModifyTargetGroup',
    refs: [ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-elbv2-delete-target-group',
    eventName: 'DeleteTargetGroup',
    refs: [ref('AWS::ElasticLoadBalancingV2::TargetGroup', SHOP_WEB_TARGET_GROUP)],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

export const ROUTED_ELB: RoutedCase[] = [
  {
    fixture: 'cloudtrail-elb-create-load-balancer',
    eventName: 'CreateLoadBalancer',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-create-load-balancer-listeners',
    eventName: 'CreateLoadBalancerListeners',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-set-load-balancer-policies-of-listener',
    eventName: 'SetLoadBalancerPoliciesOfListener',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-create-load-balancer-policy',
    eventName: 'CreateLoadBalancerPolicy',
    refs: [classic],
    actor: CLOUDFORMATION_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-delete-load-balancer',
    eventName: 'DeleteLoadBalancer',
    refs: [classic],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
  {
    // The load balancer stays: re-reading it judges the listeners left, and resolves findings of the removed ones.
    fixture: 'cloudtrail-elb-delete-load-balancer-listeners',
    eventName: 'DeleteLoadBalancerListeners',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-elb-set-load-balancer-listener-ssl-certificate',
    eventName: 'SetLoadBalancerListenerSSLCertificate',
    refs: [classic],
    actor: IAM_USER_ACTOR,
  },
];

export const ROUTED_VPN: RoutedCase[] = [
  {
    fixture: 'cloudtrail-ec2-create-vpn-connection',
    eventName: 'CreateVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-tunnel-options',
    eventName: 'ModifyVpnTunnelOptions',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-connection',
    eventName: 'ModifyVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpn-connection-options',
    eventName: 'ModifyVpnConnectionOptions',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-delete-vpn-connection',
    eventName: 'DeleteVpnConnection',
    refs: [ref('AWS::EC2::VPNConnection', VPN)],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

export const ROUTED_DIRECTCONNECT: RoutedCase[] = [
  {
    fixture: 'cloudtrail-directconnect-create-connection',
    eventName: 'CreateConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-update-connection',
    eventName: 'UpdateConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-associate-macsec-key',
    eventName: 'AssociateMacSecKey',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-disassociate-macsec-key',
    eventName: 'DisassociateMacSecKey',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-create-lag',
    eventName: 'CreateLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-update-lag',
    eventName: 'UpdateLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-associate-connection-with-lag',
    eventName: 'AssociateConnectionWithLag',
    refs: [
      ref('AWS::DirectConnect::Connection', 'dxcon-ffq3w9zp'),
      ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n'),
    ],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-disassociate-connection-from-lag',
    eventName: 'DisassociateConnectionFromLag',
    refs: [
      ref('AWS::DirectConnect::Connection', 'dxcon-ffq3w9zp'),
      ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n'),
    ],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-confirm-connection',
    eventName: 'ConfirmConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-directconnect-delete-connection',
    eventName: 'DeleteConnection',
    refs: [ref('AWS::DirectConnect::Connection', 'dxcon-fg5t7k2m')],
    actor: SSO_ACTOR,
    deleted: true,
  },
  {
    fixture: 'cloudtrail-directconnect-delete-lag',
    eventName: 'DeleteLag',
    refs: [ref('AWS::DirectConnect::Lag', 'dxlag-fh8r2v6n')],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

const LATTICE_SERVICE = `arn:aws:vpc-lattice:${REGION}:${ACCOUNT_ID}:service/svc-0a1b2c3d4e5f60718`;
const LATTICE_LISTENER = `${LATTICE_SERVICE}/listener/listener-0f1e2d3c4b5a69788`;

export const ROUTED_LATTICE: RoutedCase[] = [
  {
    fixture: 'cloudtrail-vpc-lattice-create-listener',
    eventName: 'CreateListener',
    refs: [ref('AWS::VpcLattice::Listener', LATTICE_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-vpc-lattice-update-listener',
    eventName: 'UpdateListener',
    refs: [ref('AWS::VpcLattice::Listener', LATTICE_LISTENER)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-vpc-lattice-delete-listener',
    eventName: 'DeleteListener',
    refs: [ref('AWS::VpcLattice::Listener', LATTICE_LISTENER)],
    actor: SSO_ACTOR,
    deleted: true,
  },
  {
    fixture: 'cloudtrail-vpc-lattice-delete-service',
    eventName: 'DeleteService',
    refs: [ref('AWS::VpcLattice::Listener', `${LATTICE_SERVICE}/listener/`)],
    actor: SSO_ACTOR,
    deleted: true,
    byPrefix: true,
  },
];

export const ROUTED_ACM: RoutedCase[] = [
  {
    fixture: 'cloudtrail-acm-import-certificate',
    eventName: 'ImportCertificate',
    refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-request-certificate',
    eventName: 'RequestCertificate',
    refs: [ref('AWS::ACM::Certificate', CERTIFICATE)],
    actor: SSO_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-renew-certificate',
    eventName: 'RenewCertificate',
    refs: [ref('AWS::ACM::Certificate', PRIVATE_CERTIFICATE)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-acm-delete-certificate',
    eventName: 'DeleteCertificate',
    refs: [ref('AWS::ACM::Certificate', IMPORTED_CERTIFICATE)],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

/** CloudFront is global: CloudTrail delivers its calls in us-east-1, where its distributions live. */
const distribution = (id: string): ResourceRef => ({
  resourceType: 'AWS::CloudFront::Distribution',
  resourceId: `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/${id}`,
  accountId: ACCOUNT_ID,
  region: 'us-east-1',
});

export const ROUTED_CLOUDFRONT: RoutedCase[] = [
  {
    fixture: 'cloudtrail-cloudfront-create-distribution',
    eventName: 'CreateDistribution',
    refs: [distribution('E4NEWEXAMPLE44')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-cloudfront-create-distribution-with-tags',
    eventName: 'CreateDistributionWithTags',
    refs: [distribution('E5TAGGEDEXAMPLE')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-cloudfront-copy-distribution',
    eventName: 'CopyDistribution',
    refs: [distribution('E6STAGINGEXAMPLE')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-cloudfront-update-distribution',
    eventName: 'UpdateDistribution',
    refs: [distribution('E2SAFEEXAMPLE2')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-cloudfront-delete-distribution',
    eventName: 'DeleteDistribution',
    refs: [distribution('E1WEAKEXAMPLE1')],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
];

const APIGW = `arn:aws:apigateway:${REGION}::`;
const SHOP_DOMAIN = ref(
  'AWS::ApiGateway::DomainName',
  `${APIGW}/domainnames/legacy.shop.example.net`,
  'legacy.shop.example.net',
);
const ORDERS_API = ref('AWS::ApiGateway::RestApi', `${APIGW}/restapis/a1b2c3d4e5`);
const PROD_STAGE = ref('AWS::ApiGateway::Stage', `${APIGW}/restapis/a1b2c3d4e5/stages/prod`, 'prod');
/** Every stage of the orders API: what an integration change re-checks. */
const ORDERS_STAGES = ref('AWS::ApiGateway::Stage', `${APIGW}/restapis/a1b2c3d4e5/stages`);

export const ROUTED_APIGATEWAY: RoutedCase[] = [
  ...(
    [
      ['create-domain-name', 'CreateDomainName', SHOP_DOMAIN],
      ['update-domain-name', 'UpdateDomainName', SHOP_DOMAIN],
      ['delete-domain-name', 'DeleteDomainName', SHOP_DOMAIN, true],
      ['create-rest-api', 'CreateRestApi', ORDERS_API],
      ['import-rest-api', 'ImportRestApi', ORDERS_API],
      ['put-rest-api', 'PutRestApi', ORDERS_API],
      ['update-rest-api', 'UpdateRestApi', ORDERS_API],
      ['delete-rest-api', 'DeleteRestApi', ORDERS_API, true],
      ['create-stage', 'CreateStage', PROD_STAGE],
      ['update-stage', 'UpdateStage', PROD_STAGE],
      ['delete-stage', 'DeleteStage', PROD_STAGE, true],
      ['put-integration', 'PutIntegration', ORDERS_STAGES],
      ['update-integration', 'UpdateIntegration', ORDERS_STAGES],
      ['delete-integration', 'DeleteIntegration', ORDERS_STAGES],
    ] as const
  ).map(
    ([slug, eventName, target, deleted]: readonly [string, string, ResourceRef, boolean?]): RoutedCase => ({
      fixture: `cloudtrail-apigateway-${slug}`,
      eventName,
      refs: [target],
      actor: SSO_ACTOR,
      ...(deleted ? { deleted } : {}),
    }),
  ),
];

export const CONFIG_CHANGE = 'Config Configuration Item Change';

/** The VPC the encryption-control fixtures name (Modify/Delete name only the control: the response names the VPC). */
const VPC_ID = 'vpc-0c3d4e5f60718293a';

export const ROUTED_VPC: RoutedCase[] = [
  {
    fixture: 'cloudtrail-ec2-create-vpc',
    eventName: 'CreateVpc',
    refs: [ref('AWS::EC2::VPC', VPC_ID)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-create-vpc-encryption-control',
    eventName: 'CreateVpcEncryptionControl',
    refs: [ref('AWS::EC2::VPC', VPC_ID)],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-ec2-modify-vpc-encryption-control',
    eventName: 'ModifyVpcEncryptionControl',
    refs: [ref('AWS::EC2::VPC', VPC_ID)],
    actor: IAM_USER_ACTOR,
  },
  {
    // Deleting the control leaves the VPC: it is read again, not dropped.
    fixture: 'cloudtrail-ec2-delete-vpc-encryption-control',
    eventName: 'DeleteVpcEncryptionControl',
    refs: [ref('AWS::EC2::VPC', VPC_ID)],
    actor: IAM_USER_ACTOR,
  },
];

export function itemOf(event: EventFixture): Record<string, unknown> {
  return (event.detail as { configurationItem: Record<string, unknown> }).configurationItem;
}

// The fixtures' location ids end 1..9, a, b (one character of the 17 the ARN pattern allows).
const DATASYNC_LOCATION = (type: DataSyncLocationType, n: number) =>
  ref(type, `arn:aws:datasync:${REGION}:${ACCOUNT_ID}:location/loc-0a1b2c3d4e5f6071${n.toString(36)}`);

/** One Create and one Update call per DataSync location kind the family reads, and DeleteLocation. */
export const ROUTED_DATASYNC: RoutedCase[] = [
  ...(
    [
      ['ObjectStorage', 'object-storage', 'AWS::DataSync::LocationObjectStorage'],
      ['Efs', 'efs', 'AWS::DataSync::LocationEFS'],
      ['Hdfs', 'hdfs', 'AWS::DataSync::LocationHDFS'],
      ['Smb', 'smb', 'AWS::DataSync::LocationSMB'],
      ['Nfs', 'nfs', 'AWS::DataSync::LocationNFS'],
      ['S3', 's3', 'AWS::DataSync::LocationS3'],
      ['FsxOntap', 'fsx-ontap', 'AWS::DataSync::LocationFSxONTAP'],
      ['FsxWindows', 'fsx-windows', 'AWS::DataSync::LocationFSxWindows'],
      ['FsxLustre', 'fsx-lustre', 'AWS::DataSync::LocationFSxLustre'],
      ['FsxOpenZfs', 'fsx-open-zfs', 'AWS::DataSync::LocationFSxOpenZFS'],
      ['AzureBlob', 'azure-blob', 'AWS::DataSync::LocationAzureBlob'],
    ] as const
  ).flatMap(([kind, slug, type], index) =>
    (['create', 'update'] as const).map(
      (verb): RoutedCase => ({
        fixture: `cloudtrail-datasync-${verb}-location-${slug}`,
        eventName: `${verb === 'create' ? 'Create' : 'Update'}Location${kind}`,
        refs: [DATASYNC_LOCATION(type, index + 1)],
        actor: SSO_ACTOR,
      }),
    ),
  ),
  {
    // DeleteLocation names only the ARN: the ref's type stands for any kind (findings resolve by resource id).
    fixture: 'cloudtrail-datasync-delete-location',
    eventName: 'DeleteLocation',
    refs: [DATASYNC_LOCATION('AWS::DataSync::LocationObjectStorage', 5)],
    actor: SSO_ACTOR,
    deleted: true,
  },
];

/** The S3 calls that create a bucket or change its policy or website: each is read again (deleting a policy is a finding). */
export const ROUTED_S3: RoutedCase[] = (
  [
    ['CreateBucket', 'create-bucket'],
    ['PutBucketPolicy', 'put-bucket-policy'],
    ['DeleteBucketPolicy', 'delete-bucket-policy'],
    ['PutBucketWebsite', 'put-bucket-website'],
    ['DeleteBucketWebsite', 'delete-bucket-website'],
  ] as const
).map(([eventName, slug]) => ({
  fixture: `cloudtrail-s3-${slug}`,
  eventName,
  refs: [ref('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-eu', 'shop-assets-eu')],
  actor: SSO_ACTOR,
}));

const RDS = `arn:aws:rds:${REGION}:${ACCOUNT_ID}`;

/**
 * The RDS calls: a database by its ARN (the response's, else built from the request's identifier), a parameter
 * group by its pg: / cluster-pg: ARN under the type of the databases that use it.
 */
export const ROUTED_RDS: RoutedCase[] = [
  [
    'create-db-instance',
    'CreateDBInstance',
    ref('AWS::RDS::DBInstance', `${RDS}:db:legacy-mysql`, 'legacy-mysql'),
  ],
  [
    'modify-db-instance',
    'ModifyDBInstance',
    ref('AWS::RDS::DBInstance', `${RDS}:db:billing-pg`, 'billing-pg'),
  ],
  [
    'create-db-cluster',
    'CreateDBCluster',
    ref('AWS::RDS::DBCluster', `${RDS}:cluster:inventory`, 'inventory'),
  ],
  [
    'modify-db-cluster',
    'ModifyDBCluster',
    ref('AWS::RDS::DBCluster', `${RDS}:cluster:analytics`, 'analytics'),
  ],
  [
    'modify-db-parameter-group',
    'ModifyDBParameterGroup',
    ref('AWS::RDS::DBInstance', `${RDS}:pg:orders-pg14`, 'orders-pg14'),
  ],
  [
    'reset-db-parameter-group',
    'ResetDBParameterGroup',
    ref('AWS::RDS::DBInstance', `${RDS}:pg:orders-pg14`, 'orders-pg14'),
  ],
  [
    'modify-db-cluster-parameter-group',
    'ModifyDBClusterParameterGroup',
    ref('AWS::RDS::DBCluster', `${RDS}:cluster-pg:inventory-aurora-mysql8`, 'inventory-aurora-mysql8'),
  ],
  [
    'reset-db-cluster-parameter-group',
    'ResetDBClusterParameterGroup',
    ref('AWS::RDS::DBCluster', `${RDS}:cluster-pg:inventory-aurora-mysql8`, 'inventory-aurora-mysql8'),
  ],
].map(([slug, eventName, target]) => ({
  fixture: `cloudtrail-rds-${slug as string}`,
  eventName: eventName as string,
  refs: [target as ResourceRef],
  actor: IAM_USER_ACTOR,
}));

/** The RDS calls that delete a database: its open findings are resolved. */
export const ROUTED_RDS_DELETES: RoutedCase[] = [
  {
    fixture: 'cloudtrail-rds-delete-db-instance',
    eventName: 'DeleteDBInstance',
    refs: [ref('AWS::RDS::DBInstance', `${RDS}:db:erp-oracle`, 'erp-oracle')],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
  {
    fixture: 'cloudtrail-rds-delete-db-cluster',
    eventName: 'DeleteDBCluster',
    refs: [ref('AWS::RDS::DBCluster', `${RDS}:cluster:analytics`, 'analytics')],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
];

/** The test each family's events suite runs on its table: the call is routed to exactly the expected result. */
export function itRoutesEveryCall(cases: readonly RoutedCase[]): void {
  it.each(cases)(
    'routes $eventName to the resources it touched',
    ({ fixture, eventName, refs, actor, deleted, byPrefix }) => {
      // Prepare
      const event = loadEvent(fixture);

      // Act
      const result = routeCloudTrail(event);

      // Assess
      expect(detailOf(event).eventName).toBe(eventName);
      expect(result).toStrictEqual(expectedInspect(event, refs, actor, deleted, byPrefix));
    },
  );
}

/** IAM is global: CloudTrail delivers its calls in us-east-1, where its server certificates live, by name. */
const serverCertificate = (name: string): ResourceRef => ({
  resourceType: 'AWS::IAM::ServerCertificate',
  resourceId: name,
  accountId: ACCOUNT_ID,
  region: 'us-east-1',
  name,
});

export const ROUTED_IAM: RoutedCase[] = [
  {
    fixture: 'cloudtrail-iam-upload-server-certificate',
    eventName: 'UploadServerCertificate',
    refs: [serverCertificate('legacy-api-2026')],
    actor: IAM_USER_ACTOR,
  },
  {
    // A rename: the old name is read (and found gone) and the new one judged.
    fixture: 'cloudtrail-iam-update-server-certificate',
    eventName: 'UpdateServerCertificate',
    refs: [serverCertificate('legacy-api-2026'), serverCertificate('legacy-api-2026-retired')],
    actor: IAM_USER_ACTOR,
  },
  {
    fixture: 'cloudtrail-iam-delete-server-certificate',
    eventName: 'DeleteServerCertificate',
    refs: [serverCertificate('legacy-api-2026')],
    actor: IAM_USER_ACTOR,
    deleted: true,
  },
];

/** The Private CA every acm-pca fixture names. */
export const PRIVATE_CA = `arn:aws:acm-pca:${REGION}:${ACCOUNT_ID}:certificate-authority/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d`;

export const ROUTED_PCA: RoutedCase[] = (
  [
    ['create-certificate-authority', 'CreateCertificateAuthority'],
    ['update-certificate-authority', 'UpdateCertificateAuthority'],
    ['import-certificate-authority-certificate', 'ImportCertificateAuthorityCertificate'],
    ['restore-certificate-authority', 'RestoreCertificateAuthority'],
    ['delete-certificate-authority', 'DeleteCertificateAuthority'],
  ] as const
).map(([slug, eventName]) => ({
  fixture: `cloudtrail-acm-pca-${slug}`,
  eventName,
  refs: [ref('AWS::ACMPCA::CertificateAuthority', PRIVATE_CA)],
  actor: IAM_USER_ACTOR,
  ...(eventName === 'DeleteCertificateAuthority' ? { deleted: true } : {}),
}));

const IOT_CERTIFICATE = `arn:aws:iot:${REGION}:${ACCOUNT_ID}:cert/42fffd5fe18254be19365f39746fa51f8a1abbd3271d8025f877e4bbc860a155`;
const IOT_CA = `arn:aws:iot:${REGION}:${ACCOUNT_ID}:cacert/913535fea688e1262b64f6d57aaa1228d55ddea1c874d70745ff1863b72a3b1d`;

/**
 * The AWS IoT calls: a certificate by its ARN (answered) or its id (requested), a CA likewise, a domain
 * configuration by its name (the call gives no ARN).
 */
export const ROUTED_IOT: RoutedCase[] = [
  ...(
    [
      ['CreateCertificateFromCsr', 'create-certificate-from-csr'],
      ['CreateKeysAndCertificate', 'create-keys-and-certificate'],
      ['RegisterCertificate', 'register-certificate'],
      ['UpdateCertificate', 'update-certificate'],
    ] as const
  ).map(([eventName, slug]) => ({
    fixture: `cloudtrail-iot-${slug}`,
    eventName,
    refs: [ref('AWS::IoT::Certificate', IOT_CERTIFICATE)],
    actor: SSO_ACTOR,
  })),
  ...(
    [
      ['RegisterCACertificate', 'register-ca-certificate'],
      ['UpdateCACertificate', 'update-ca-certificate'],
    ] as const
  ).map(([eventName, slug]) => ({
    fixture: `cloudtrail-iot-${slug}`,
    eventName,
    refs: [ref('AWS::IoT::CACertificate', IOT_CA)],
    actor: SSO_ACTOR,
  })),
  ...(
    [
      ['CreateDomainConfiguration', 'create-domain-configuration'],
      ['UpdateDomainConfiguration', 'update-domain-configuration'],
    ] as const
  ).map(([eventName, slug]) => ({
    fixture: `cloudtrail-iot-${slug}`,
    eventName,
    refs: [ref('AWS::IoT::DomainConfiguration', 'legacy-meters', 'legacy-meters')],
    actor: SSO_ACTOR,
  })),
];
