import { usersOf } from '../../certificates/in-use.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import type { Resource } from '../../model/resource.js';
import { isCertificateAuthorityArn } from './arn.js';
import { readCertificateAuthorities } from './describe.js';
import { CERTIFICATE_AUTHORITY, type PrivateCertificateAuthority } from './model.js';

/**
 * The ACM certificates each CA issued, where the inputs show them (describe-certificate's
 * CertificateAuthorityArn): they expire, and cannot be revoked, with it.
 */
function linkIssuedCertificates(resources: readonly Resource[]): Map<Resource, Resource> {
  const linked = new Map<Resource, Resource>();
  const users = usersOf(resources, CERTIFICATE_AUTHORITY, isCertificateAuthorityArn);
  for (const resource of resources) {
    if (resource.resourceType !== CERTIFICATE_AUTHORITY) continue;
    const issued = users.get(resource.resourceId);
    if (issued) linked.set(resource, { ...(resource as PrivateCertificateAuthority), inUseBy: issued });
  }
  return linked;
}

export const pcaInputs: FamilyInputs = {
  formats: [
    {
      key: 'CertificateAuthority',
      format: 'acm-pca describe-certificate-authority',
      holds: 'one',
      read: readCertificateAuthorities,
    },
    {
      key: 'CertificateAuthorities',
      format: 'acm-pca list-certificate-authorities',
      read: readCertificateAuthorities,
    },
  ],
  // AWS Config records AWS::ACMPCA::CertificateAuthority (reference/service-facts.md), but its item follows the
  // CloudFormation schema, which has no NotAfter or Status, and no sample item was found: not read yet.
  link: linkIssuedCertificates,
  // The same join, for the live sweep, which reads the users in other regions and items.
  joinUsers: linkIssuedCertificates,
  usedArn: isCertificateAuthorityArn,
};
