import {
  cannotVerify,
  compliant,
  defineRule,
  nonCompliant,
  notApplicable,
  SEC09_FRAMEWORKS,
} from '../../../rules/rule.js';
import { CERTIFICATE } from '../model.js';
import {
  certificateLabel,
  ROTATION_GUIDANCE,
  SUMMARY_HAS_NO_CA,
  unknownStatusOutcome,
  useDetails,
  usedBy,
} from './certificate.js';

/**
 * CA statuses under which the device certificates it signed should no longer be trusted. RULES.md names REVOKED
 * and INACTIVE; the API's CA enum has INACTIVE (and the deprecated REGISTER_INACTIVE), no REVOKED, so an unknown
 * CA status is reported by the strength rule's status check rather than here.
 */
const BAD_CA_STATUSES: readonly string[] = ['INACTIVE', 'REGISTER_INACTIVE', 'REVOKED'];

export const iotCertificateStatus = defineRule({
  metadata: {
    id: 'iot-certificate-status',
    title: 'IoT device certificate active under a revoked or inactive CA, or revoked yet attached',
    family: 'iot',
    resourceTypes: [CERTIFICATE],
    severity: 'high',
    description:
      'An ACTIVE AWS IoT device certificate whose CA certificate (caCertificateId, joined to a CA certificate in the inputs) is REVOKED or INACTIVE, or a REVOKED device certificate still attached to things (ListPrincipalThings). A CA not in the inputs, or a revoked certificate whose attachments the input does not give, cannot be verified.',
    rationale:
      'A CA taken out of service usually means its key is distrusted: devices still authenticating with certificates it signed keep an identity nobody vouches for. A revoked certificate still attached to a thing points its policies and Greengrass deployments at a credential that no longer works, or hides one that should be replaced.',
    parameters: [],
    remediation: {
      guidance: `Under a revoked or inactive CA: ${ROTATION_GUIDANCE} Revoked but attached: detach it (aws iot detach-thing-principal --thing-name <thing> --principal <certificate ARN>), after the device has a new certificate.`,
    },
    defaultMode: 'notify',
    references: [
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CertificateDescription.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_CACertificateDescription.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_ListPrincipalThings.html',
      'https://docs.aws.amazon.com/iot/latest/apireference/API_DetachThingPrincipal.html',
    ],
    compliance: { securityHub: [], configRules: [], frameworks: SEC09_FRAMEWORKS },
  },
  evaluate(certificate) {
    const label = certificateLabel(certificate);
    const unknown = unknownStatusOutcome(certificate, 'whether it is still trusted');
    if (unknown) return unknown;
    const use = useDetails(certificate);
    if (certificate.status === 'REVOKED') {
      if (certificate.things === undefined)
        return cannotVerify(
          `${label} is REVOKED and the input does not say which things it is attached to (list-principal-things does), so whether it is still attached cannot be verified.`,
          { status: 'REVOKED', ...use },
        );
      if (certificate.things.length === 0)
        return compliant(`${label} is REVOKED and attached to no thing.`, { status: 'REVOKED', ...use });
      return nonCompliant(`${label} is REVOKED but still ${usedBy(certificate)}.`, {
        details: { status: 'REVOKED', ...use },
      });
    }
    if (certificate.status !== 'ACTIVE')
      return notApplicable(`${label} has status ${certificate.status}: no device connects with it.`);
    if (!certificate.described) return notApplicable(SUMMARY_HAS_NO_CA);
    const { caCertificateId, caStatus } = certificate;
    if (caCertificateId === undefined)
      return compliant(
        `${label} is ACTIVE and signed by no CA registered in the account (AWS IoT issued it, or it was registered without a CA).`,
        {
          status: 'ACTIVE',
          caCertificateId: null,
          ...use,
        },
      );
    const details = { status: 'ACTIVE', caCertificateId, caStatus: caStatus ?? null, ...use };
    if (caStatus === undefined)
      return cannotVerify(
        `${label} is ACTIVE and signed by CA certificate ${caCertificateId}, which is not in the inputs (describe-ca-certificate gives it), so whether its CA is still trusted cannot be verified.`,
        details,
      );
    if (!BAD_CA_STATUSES.includes(caStatus))
      return compliant(
        `${label} is ACTIVE and its CA certificate ${caCertificateId} is ${caStatus}.`,
        details,
      );
    const user = usedBy(certificate);
    return nonCompliant(
      `${label} is ACTIVE but its CA certificate ${caCertificateId} is ${caStatus}.${user ? ` It is ${user}.` : ''}`,
      { details },
    );
  },
});
