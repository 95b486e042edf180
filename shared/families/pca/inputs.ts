import { usersOf } from '../../certificates/in-use.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import type { Resource } from '../../model/resource.js';
import { isCertificateAuthorityArn } from './arn.js';
import { mapCertificateAuthorityItem, readCertificateAuthorities } from './describe.js';
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
  // AWS Config records AWS::ACMPCA::CertificateAuthority (reference/service-facts.md [CFG], the Config ResourceType
  // enum). Its item follows the CloudFormation schema: algorithms and revocation are judged from it, but it has no
  // NotAfter nor Status (see the rules). The same CA in a describe/list input merges field by field
  // (dedupeResources), which supplies them. No sample item was found: the field names are the CloudFormation ones.
  // AWS::IAM::ServerCertificate is in that enum too (global), but it is the iam family's type, not read here.
  configItems: {
    [CERTIFICATE_AUTHORITY]: ({ configuration, scope, resourceId, label }) =>
      mapCertificateAuthorityItem(
        configuration,
        scope.arn ?? configuration.string('Arn') ?? resourceId,
        label,
      ),
  },
  link: linkIssuedCertificates,
  // The same join, for the live sweep, which reads the users in other regions and items.
  joinUsers: linkIssuedCertificates,
  usedArn: isCertificateAuthorityArn,
};
