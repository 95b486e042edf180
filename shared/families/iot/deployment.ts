/**
 * AWS IoT in the deployment: certificate, CA and domain configuration reads, the things a certificate is
 * attached to, Greengrass core devices, and the one write (UpdateDomainConfiguration). IAM actions and resource
 * types: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsiot.html and
 * list_awsiotgreengrassv2.html. No condition key constrains the TLS policy (service-facts.md), so no SCP.
 */
import type { FamilyDeployment } from '../../infra/family-deployment.js';

const CERTIFICATES = { service: 'iot', resource: 'cert/*' };
const CA_CERTIFICATES = { service: 'iot', resource: 'cacert/*' };
const DOMAINS = { service: 'iot', resource: 'domainconfiguration/*' };

export const iotDeployment: FamilyDeployment = {
  services: ['iot', 'greengrass'],
  reads: [
    {
      sid: 'ReadIotCertificates',
      actions: ['iot:DescribeCertificate', 'iot:ListPrincipalThings'],
      resource: CERTIFICATES,
    },
    { sid: 'ReadIotCaCertificates', actions: ['iot:DescribeCACertificate'], resource: CA_CERTIFICATES },
    { sid: 'ReadIotDomainConfigurations', actions: ['iot:DescribeDomainConfiguration'], resource: DOMAINS },
    // The list calls support only Resource "*"; remediation reads the one domain configuration it changed.
    {
      sid: 'ListIotCertificates',
      actions: [
        'iot:ListCertificates',
        'iot:ListCACertificates',
        'iot:ListDomainConfigurations',
        'greengrass:ListCoreDevices',
      ],
      resource: '*',
      remediate: false,
    },
  ],
  writes: [{ sid: 'SetIotTlsPolicy', actions: ['iot:UpdateDomainConfiguration'], resource: DOMAINS }],
};
