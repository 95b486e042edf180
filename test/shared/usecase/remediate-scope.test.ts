import { describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../../shared/model/ref.js';
import { outOfScope } from '../../../shared/usecase/remediate.js';

const SCOPE = { accountId: '111122223333', regions: ['eu-west-1', 'us-east-1'] };

const ref = (
  resourceType: ResourceRef['resourceType'],
  resourceId: string,
  region = 'eu-west-1',
): ResourceRef => ({
  resourceType,
  resourceId,
  accountId: '111122223333',
  region,
});

describe('outOfScope', () => {
  it.each<[string, ResourceRef]>([
    [
      'an ELBv2 listener (account and region in its ARN)',
      ref(
        'AWS::ElasticLoadBalancingV2::Listener',
        'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/0123456789abcdef/fedcba9876543210',
      ),
    ],
    [
      'an S3 bucket (neither account nor region in its ARN)',
      ref('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-eu'),
    ],
    [
      'a CloudFront distribution (no region in its ARN)',
      ref(
        'AWS::CloudFront::Distribution',
        'arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE',
        'us-east-1',
      ),
    ],
    ['a VPN connection (an id, no ARN)', ref('AWS::EC2::VPNConnection', 'vpn-0123456789abcdef0')],
  ])('acts on %s of its own account and regions', (_case, inScope) => {
    expect(outOfScope(inScope, SCOPE)).toBeUndefined();
  });

  it.each<[string, ResourceRef, string]>([
    [
      'an S3 bucket read in another account',
      { ...ref('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-eu'), accountId: '444455556666' },
      "account 444455556666 is not this stack's account 111122223333",
    ],
    [
      'a CloudFront distribution of another account',
      ref(
        'AWS::CloudFront::Distribution',
        'arn:aws:cloudfront::444455556666:distribution/E2QWRUHEXAMPLE',
        'us-east-1',
      ),
      "account 444455556666 is not this stack's account 111122223333",
    ],
    [
      'an S3 bucket in a region the stack does not cover',
      ref('AWS::S3::Bucket', 'arn:aws:s3:::shop-assets-ap', 'ap-southeast-2'),
      "region ap-southeast-2 is not one of this stack's regions (eu-west-1, us-east-1)",
    ],
    [
      'a listener whose ARN names another region than its ref',
      ref(
        'AWS::ElasticLoadBalancingV2::Listener',
        'arn:aws:elasticloadbalancing:ap-southeast-2:111122223333:listener/app/shop/0123456789abcdef/fedcba9876543210',
      ),
      "region ap-southeast-2 is not one of this stack's regions (eu-west-1, us-east-1)",
    ],
  ])('refuses %s', (_case, outside, why) => {
    expect(outOfScope(outside, SCOPE)).toBe(why);
  });
});
