/**
 * The registry: every family transit-guard knows, in catalog order. Adding a family is one folder under
 * shared/families/ plus its lines here: FAMILIES and FamilyResources (docs/architecture.md, "How to add a family").
 */

import { acmFamily } from './acm/index.js';
import type { AcmCertificate } from './acm/model.js';
import { apiGatewayFamily } from './apigateway/index.js';
import type { ApiGatewayResource } from './apigateway/model.js';
import { cloudFrontFamily } from './cloudfront/index.js';
import type { CloudFrontDistribution } from './cloudfront/model.js';
import { dataSyncFamily } from './datasync/index.js';
import type { DataSyncLocation } from './datasync/model.js';
import { directConnectFamily } from './directconnect/index.js';
import type { DxConnection, DxLag } from './directconnect/model.js';
import { elbFamily } from './elb/index.js';
import type { ClassicLoadBalancer } from './elb/model.js';
import { elbv2Family } from './elbv2/index.js';
import type { Elbv2Listener } from './elbv2/model.js';
import type { Elbv2TargetGroup } from './elbv2/target-group.js';
import type { Family } from './family.js';
import { iamFamily } from './iam/index.js';
import type { IamServerCertificate } from './iam/model.js';
import { iotFamily } from './iot/index.js';
import type { IotResource } from './iot/model.js';
import { latticeFamily } from './lattice/index.js';
import type { LatticeListener } from './lattice/model.js';
import { pcaFamily } from './pca/index.js';
import type { PrivateCertificateAuthority } from './pca/model.js';
import { rdsFamily } from './rds/index.js';
import type { RdsDbCluster, RdsDbInstance } from './rds/model.js';
import { s3Family } from './s3/index.js';
import type { S3Bucket } from './s3/model.js';
import { vpcFamily } from './vpc/index.js';
import type { Vpc } from './vpc/model.js';
import { vpnFamily } from './vpn/index.js';
import type { VpnConnection } from './vpn/model.js';

export type { Family } from './family.js';

export const FAMILIES: readonly Family[] = [
  elbv2Family,
  elbFamily,
  vpnFamily,
  directConnectFamily,
  acmFamily,
  cloudFrontFamily,
  latticeFamily,
  apiGatewayFamily,
  vpcFamily,
  dataSyncFamily,
  s3Family,
  rdsFamily,
  pcaFamily,
  iamFamily,
  iotFamily,
];

/** Each family's resources (its model.ts), by family id: the model's `Resource` is their union. */
interface FamilyResources {
  elbv2: Elbv2Listener | Elbv2TargetGroup;
  elb: ClassicLoadBalancer;
  vpn: VpnConnection;
  directconnect: DxConnection | DxLag;
  acm: AcmCertificate;
  cloudfront: CloudFrontDistribution;
  lattice: LatticeListener;
  apigateway: ApiGatewayResource;
  vpc: Vpc;
  datasync: DataSyncLocation;
  s3: S3Bucket;
  rds: RdsDbInstance | RdsDbCluster;
  pca: PrivateCertificateAuthority;
  iam: IamServerCertificate;
  iot: IotResource;
}

export type Resource = FamilyResources[keyof FamilyResources];
