import { describe, expect, it, vi } from 'vitest';
import { RESOURCE_TYPES } from '../../../shared/model/resource.js';

/** A family outside the registry, listed after the real ones. */
const fixture = vi.hoisted(() => ({
  family: {
    id: 'fixture',
    label: 'Fixture things',
    ruleFamily: 'fixture',
    resourceTypes: ['AWS::Fixture::Thing', 'AWS::Fixture::Group'],
    rules: [],
    remediators: [],
    commands: {},
  },
}));

vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  return { ...original, FAMILIES: [...original.FAMILIES, fixture.family] };
});

describe('RESOURCE_TYPES', () => {
  it('lists the resource types of every family in the registry, in the registry’s order', () => {
    expect(RESOURCE_TYPES).toEqual([
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      'AWS::ElasticLoadBalancing::LoadBalancer',
      'AWS::EC2::VPNConnection',
      'AWS::DirectConnect::Connection',
      'AWS::DirectConnect::Lag',
      'AWS::ACM::Certificate',
      'AWS::CloudFront::Distribution',
      'AWS::VpcLattice::Listener',
      'AWS::ApiGateway::DomainName',
      'AWS::ApiGatewayV2::DomainName',
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::Stage',
      'AWS::EC2::VPC',
      'AWS::DataSync::LocationObjectStorage',
      'AWS::DataSync::LocationEFS',
      'AWS::DataSync::LocationHDFS',
      'AWS::DataSync::LocationSMB',
      'AWS::DataSync::LocationNFS',
      'AWS::DataSync::LocationS3',
      'AWS::DataSync::LocationFSxONTAP',
      'AWS::DataSync::LocationFSxWindows',
      'AWS::DataSync::LocationFSxLustre',
      'AWS::DataSync::LocationFSxOpenZFS',
      'AWS::DataSync::LocationAzureBlob',
      'AWS::S3::Bucket',
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBCluster',
      'AWS::ACMPCA::CertificateAuthority',
      'AWS::IAM::ServerCertificate',
      'AWS::IoT::DomainConfiguration',
      'AWS::IoT::Certificate',
      'AWS::IoT::CACertificate',
      'AWS::Fixture::Thing',
      'AWS::Fixture::Group',
    ]);
  });
});
