import { afterPrefix, type FamilyReport } from '../../report/family-report.js';

const ACCOUNT = /^\d{12}$/;

export const directConnectReport: FamilyReport = {
  resourceNoun: 'Direct Connect connection or LAG',
  // The MACsec connectivity association key and its name, and a virtual interface's BGP MD5 authKey
  // (https://docs.aws.amazon.com/directconnect/latest/APIReference/API_NewPublicVirtualInterface.html).
  secretKeys: /^cak$|^ckn$|authkey/,
  consoleLink({ resourceType, resourceId, arn, region, partition, origin, query, accountId }) {
    const lag = resourceType === 'AWS::DirectConnect::Lag';
    const id = arn ? afterPrefix(arn.resource, lag ? 'dxlag/' : 'dxcon/') : resourceId;
    const account = accountId ?? arn?.accountId;
    const page = `${origin}/directconnect/v2/home${query}#/${lag ? 'lags' : 'connections'}`;
    if (!id) return undefined;
    // The console addresses a connection as arn:<partition>:directconnect:<region>:<account>:<id>.
    if (!account || !ACCOUNT.test(account)) return page;
    return `${page}/arn:${partition}:directconnect:${region}:${account}:${id}`;
  },
  kpis: [
    {
      kpi: {
        kind: 'share',
        key: 'dxMacsecEnforced',
        label: 'DX connections and LAGs with MACsec enforced',
        digestLabel: 'Direct Connect links with MACsec enforced',
      },
      rules: ['dx-connection-macsec', 'dx-connection-macsec-fail-open', 'dx-connection-macsec-down'],
    },
  ],
};
