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

  it('takes a central switch shared from the security account by its full ARN', () => {
    const arn = 'arn:aws:ssm:us-east-1:444455556666:parameter/transit-guard/org/remediation';

    expect(loadFunctionConfig({ ...ENV, TG_REMEDIATION_SWITCH: arn }).remediationSwitchParameter).toBe(arn);
  });

  it('reads the policy parameter, the stack OU and the dry-run override; without a parameter there is none', () => {
    const arn = 'arn:aws:ssm:eu-west-1:444455556666:parameter/transit-guard/policy';

    const config = loadFunctionConfig({
      ...ENV,
      TG_POLICY_PARAMETER: arn,
      TG_ORGANIZATIONAL_UNIT: 'ou-ab12-cd34ef56',
      TG_DRY_RUN: 'false',
    });

    expect(config.policyParameter).toEqual({
      name: arn,
      organizationalUnit: 'ou-ab12-cd34ef56',
      dryRun: false,
    });
    expect(Object.keys(loadFunctionConfig(ENV))).not.toContain('policyParameter');
  });

  it.each([
    ['TG_POLICY_PARAMETER', 'transit-guard/policy'],
    ['TG_POLICY_PARAMETER', 'arn:aws:s3:::bucket/policy'],
    ['TG_ORGANIZATIONAL_UNIT', 'ou-AB12-cd34ef56'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const act = () => loadFunctionConfig({ ...ENV, [name]: value });

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(new RegExp(`^invalid function environment: ${name}: `));
  });
});
