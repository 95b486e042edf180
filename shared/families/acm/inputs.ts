import type { FamilyInputs } from '../../inventory/family-inputs.js';
import { itself, unionBy } from '../../inventory/merge.js';
import { mapCertificate, readCertificates } from './describe.js';
import type { AcmCertificate } from './model.js';

const CERTIFICATE = 'AWS::ACM::Certificate';

export const acmInputs: FamilyInputs = {
  formats: [
    {
      key: 'Certificate',
      format: 'acm describe-certificate',
      holds: 'one',
      read: (records, format, label, out) => readCertificates(records, format, label, out),
    },
    {
      key: 'CertificateSummaryList',
      format: 'acm list-certificates',
      read: (records, format, label, out) => readCertificates(records, format, label, out),
    },
  ],
  configItems: {
    [CERTIFICATE]: ({ configuration, scope, resourceId, label }) =>
      mapCertificate(configuration.withDefault('CertificateArn', scope.arn ?? resourceId), label),
  },
  mergeLists: {
    [CERTIFICATE]: (earlier, later, merged) => ({
      ...(merged as AcmCertificate),
      inUseBy: unionBy((earlier as AcmCertificate).inUseBy, (later as AcmCertificate).inUseBy, itself),
    }),
  },
};
