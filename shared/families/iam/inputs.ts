import { usersOf } from '../../certificates/in-use.js';
import type { FamilyInputs } from '../../inventory/family-inputs.js';
import type { Resource } from '../../model/resource.js';
import { isServerCertificateReference } from './arn.js';
import { mapServerCertificateItem, readGetServerCertificate, readServerCertificateList } from './describe.js';
import { type IamServerCertificate, SERVER_CERTIFICATE } from './model.js';

/**
 * Who serves each certificate, where the inputs show it: a classic load balancer listener's SSLCertificateId or
 * an ELBv2 listener's Certificates[].CertificateArn naming its ARN, a CloudFront distribution's
 * ViewerCertificate.IAMCertificateId naming its ServerCertificateId (found generically:
 * shared/certificates/in-use.ts). A certificate known from a Config item alone has no ID: only ARN users join it.
 */
function linkListeners(resources: readonly Resource[]): Map<Resource, Resource> {
  const linked = new Map<Resource, Resource>();
  const users = usersOf(resources, SERVER_CERTIFICATE, isServerCertificateReference);
  for (const resource of resources) {
    if (resource.resourceType !== SERVER_CERTIFICATE) continue;
    const certificate = resource as IamServerCertificate;
    const names = [certificate.arn, certificate.serverCertificateId].filter((name) => name !== undefined);
    const serving = [...new Set(names.flatMap((name) => users.get(name) ?? []))];
    if (serving.length > 0) linked.set(resource, { ...certificate, inUseBy: serving });
  }
  return linked;
}

export const iamInputs: FamilyInputs = {
  formats: [
    {
      key: 'ServerCertificateMetadataList',
      format: 'iam list-server-certificates',
      read: readServerCertificateList,
    },
    {
      key: 'ServerCertificate',
      format: 'iam get-server-certificate',
      holds: 'one',
      read: readGetServerCertificate,
    },
  ],
  // AWS Config records AWS::IAM::ServerCertificate (reference/service-facts.md [CFG], global). Its item follows the
  // CloudFormation schema (no Expiration; the PEM body gives it). The resource is named by its name, as list/get
  // outputs name it, so the same certificate in those merges field by field. No sample item was found: the field
  // names are the CloudFormation ones.
  configItems: {
    [SERVER_CERTIFICATE]: ({ configuration, item, scope, label }, out) =>
      mapServerCertificateItem(
        configuration,
        { arn: scope.arn, name: item.string('resourceName') },
        label,
        out,
      ),
  },
  link: linkListeners,
  // The same join, for the live sweep, which reads the users in other regions and items.
  joinUsers: linkListeners,
  usedArn: isServerCertificateReference,
};
