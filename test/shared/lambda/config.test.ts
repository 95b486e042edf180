import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadFunctionConfig } from '../../../shared/lambda/config.js';

const ENV = {
  AWS_REGION: 'eu-west-1',
  TG_ACCOUNT_ID: '111122223333',
  TG_REGIONS: 'eu-west-1',
  TG_FINDINGS_BUS: 'transit-guard-findings',
  TG_TABLE_NAME: 'transit-guard-state',
  TG_POLICY_FILE: fileURLToPath(new URL('../../../transit-guard.policy.yml', import.meta.url)),
};

describe('loadFunctionConfig', () => {
  it('reads the emergency switch parameter remediate checks before acting', () => {
    // Act
    const config = loadFunctionConfig({ ...ENV, TG_REMEDIATION_SWITCH: '/transit-guard/dev/remediation' });

    // Assess
    expect(config.remediationSwitchParameter).toBe('/transit-guard/dev/remediation');
  });

  it('leaves the switch out for the functions that have none', () => {
    // Act
    const config = loadFunctionConfig(ENV);

    // Assess
    expect(Object.keys(config)).not.toContain('remediationSwitchParameter');
  });

  it('refuses a switch that is not an SSM parameter name, naming the variable', () => {
    // Act
    const act = () => loadFunctionConfig({ ...ENV, TG_REMEDIATION_SWITCH: 'transit-guard/dev/remediation' });

    // Assess
    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/^invalid function environment: TG_REMEDIATION_SWITCH: /);
  });
});
