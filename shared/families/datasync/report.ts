import { afterPrefix, type FamilyReport, type ShareKpi } from '../../report/family-report.js';

/** DataSync locations whose own protocol leg is encrypted (datasync-location-plaintext COMPLIANT). */
const LOCATIONS_ENCRYPTED: ShareKpi = {
  kind: 'share',
  key: 'datasyncLocationsEncrypted',
  label: 'DataSync locations with an encrypted protocol leg',
  digestLabel: 'DataSync locations encrypted in transit',
};

export const dataSyncReport: FamilyReport = {
  resourceNoun: 'DataSync location',
  // The console is https://console.aws.amazon.com/datasync/ (DataSync user guide); AWS documents no deep link to
  // one location, so this opens the DataSync console of the location's region and the finding names the location.
  consoleLink({ arn, origin, query }) {
    const id = arn && afterPrefix(arn.resource, 'location/');
    return id?.startsWith('loc-') ? `${origin}/datasync/home${query}` : undefined;
  },
  kpis: [{ kpi: LOCATIONS_ENCRYPTED, rules: ['datasync-location-plaintext'] }],
  // Describe outputs and CloudTrail requests may carry an object-storage SecretKey, an SMB Password, an Azure Blob
  // SasConfiguration (its Token) or HDFS KerberosKeytab / KerberosKrb5Conf ("krb5" loses its digit here):
  // https://docs.aws.amazon.com/datasync/latest/userguide/API_CreateLocationHdfs.html,
  // https://docs.aws.amazon.com/datasync/latest/userguide/API_AzureBlobSasConfiguration.html
  secretKeys: /secretkey|password|kerberoskeytab|kerberoskrbconf|sasconfiguration/,
};
