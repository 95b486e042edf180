import { describe, expect, it } from 'vitest';
import { usersOf } from '../../../shared/certificates/in-use.js';
import type { Resource } from '../../../shared/model/resource.js';

const IAM_CERTIFICATE = 'arn:aws:iam::111122223333:server-certificate/legacy-portal-2025';
const isIam = (text: string) => text.includes(':server-certificate/');

/** Records in the models' shapes: what matters is where each names the certificate. */
const resources = [
  {
    resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
    resourceId: 'listener-1',
    certificates: [{ certificateArn: IAM_CERTIFICATE, isDefault: true }],
  },
  {
    resourceType: 'AWS::ElasticLoadBalancing::LoadBalancer',
    resourceId: 'classic-1',
    listeners: [{ protocol: 'HTTPS', sslCertificateId: IAM_CERTIFICATE }],
  },
  { resourceType: 'AWS::ElasticLoadBalancingV2::Listener', resourceId: 'listener-2', certificates: [] },
  // The certificate itself names its own ARN: never its own user.
  { resourceType: 'AWS::IAM::ServerCertificate', resourceId: 'legacy-portal-2025', arn: IAM_CERTIFICATE },
] as unknown as Resource[];

describe('usersOf', () => {
  it('finds every resource of another type that names the ARN, at any depth the models use, once each', () => {
    // Act
    const users = usersOf([...resources, resources[0] as Resource], 'AWS::IAM::ServerCertificate', isIam);

    // Assess
    expect([...users]).toEqual([[IAM_CERTIFICATE, ['listener-1', 'classic-1']]]);
  });

  it('finds nothing when no other resource names a wanted ARN', () => {
    // Act
    const users = usersOf(resources.slice(2), 'AWS::IAM::ServerCertificate', isIam);

    // Assess
    expect(users.size).toBe(0);
  });

  it('looks at nothing when the inputs hold no certificate of the family', () => {
    // Act
    const users = usersOf(resources.slice(0, 3), 'AWS::IAM::ServerCertificate', isIam);

    // Assess
    expect(users.size).toBe(0);
  });
});
