/**
 * The target iot-domain-tls-policy names for set-iot-tls-policy: iot.targetSecurityPolicy when set (and offered in
 * the domain's Region, and passing), else the strongest passing policy that still accepts the oldest protocol the
 * minimum allows; never, unasked, a TLS 1.3-only policy that cuts off TLS 1.2 devices.
 */
import { describe, expect, it } from 'vitest';
import type { IotDomainConfiguration } from '../../../../../shared/families/iot/model.js';
import {
  chooseIotTarget,
  iotDomainTlsPolicy as rule,
} from '../../../../../shared/families/iot/rules/iot-domain-tls-policy.js';
import type { PolicyInput } from '../../../../../shared/policy/schema.js';
import { ruleContext } from '../../../../helpers/rule-context.js';

const TLS13_ONLY = 'IoTSecurityPolicy_TLS13_1_3_2022_10';
const TLS13_AND_12 = 'IoTSecurityPolicy_TLS13_1_2_2022_10';
/** Every class the TLS 1.2 IoT policies offer but DHE: TLS13_1_2 and TLS12_1_2 pass, TLS12_1_0_2015_01 not. */
const TLS12_FRIENDLY: PolicyInput['tls'] = {
  allowedCipherClasses: ['tls13', 'ecdhe-aead', 'ecdhe-cbc-sha2', 'ecdhe-cbc-sha1', 'rsa-aead', 'rsa-cbc'],
};

function domain(region: string | undefined, securityPolicy = TLS13_AND_12): IotDomainConfiguration {
  const arn = `arn:aws:iot:${region ?? 'eu-west-1'}:111122223333:domainconfiguration/fleet/ab12c`;
  return {
    resourceType: 'AWS::IoT::DomainConfiguration',
    resourceId: arn,
    ...(region ? { region } : {}),
    domainConfigurationArn: arn,
    domainConfigurationName: 'fleet',
    domainConfigurationStatus: 'ENABLED',
    securityPolicy,
    tags: {},
    source: 'test',
  };
}

describe('chooseIotTarget: automatic (iot.targetSecurityPolicy unset)', () => {
  it('names no target under the default policy: the only passing policy accepts TLS 1.3 alone, and the refusal says how to ask for it', () => {
    // Act
    const choice = chooseIotTarget(domain('eu-west-1'), ruleContext());

    // Assess
    expect(choice).toEqual({
      refused: `no AWS IoT security policy offered in eu-west-1 that accepts TLSv1.2 passes the policy file, and moving to ${TLS13_ONLY} (TLSv1.3 only) would cut off devices without it: name it in iot.targetSecurityPolicy once the fleet supports it`,
    });
  });

  it('takes TLS13_1_3 when the minimum is TLS 1.3 (the policy file itself drops TLS 1.2)', () => {
    // Act, Assess
    expect(chooseIotTarget(domain('eu-west-1'), ruleContext({ tls: { minimumVersion: 'TLSv1.3' } }))).toEqual(
      {
        target: TLS13_ONLY,
      },
    );
  });

  it('takes the strongest policy that keeps TLS 1.2 when the cipher classes admit one: TLS13_1_2, not TLS13_1_3', () => {
    // Act, Assess
    expect(chooseIotTarget(domain('eu-west-1'), ruleContext({ tls: TLS12_FRIENDLY }))).toEqual({
      target: TLS13_AND_12,
    });
  });

  it('keeps TLS 1.2 from a TLS 1.0 minimum too (no IoT policy offers older than 1.2)', () => {
    // Act, Assess
    expect(
      chooseIotTarget(
        domain('eu-west-1'),
        ruleContext({ tls: { ...TLS12_FRIENDLY, minimumVersion: 'TLSv1' } }),
      ),
    ).toEqual({ target: TLS13_AND_12 });
  });

  it('in GovCloud takes the FIPS TLS13_1_2_2022_01 (TLS 1.2 and 1.3) over TLS12_1_2 (TLS 1.2 only) when the classes admit both', () => {
    // Act, Assess
    expect(chooseIotTarget(domain('us-gov-west-1'), ruleContext({ tls: TLS12_FRIENDLY }))).toEqual({
      target: 'IoTSecurityPolicy_TLS13_1_2_2022_01',
    });
  });

  it('refuses in GovCloud under the default policy (no passing policy is offered there), and without a Region', () => {
    // Act, Assess
    expect(chooseIotTarget(domain('us-gov-west-1'), ruleContext())).toEqual({
      refused: 'no AWS IoT security policy offered in us-gov-west-1 passes the policy file',
    });
    expect(chooseIotTarget(domain(undefined), ruleContext())).toEqual({
      refused: 'the input does not say its Region, which decides the policies AWS offers',
    });
  });
});

describe('chooseIotTarget: iot.targetSecurityPolicy', () => {
  it('takes the configured TLS 1.3-only target under the default policy', () => {
    // Act, Assess
    expect(
      chooseIotTarget(domain('eu-west-1'), ruleContext({ iot: { targetSecurityPolicy: TLS13_ONLY } })),
    ).toEqual({ target: TLS13_ONLY });
  });

  it('takes a configured TLS 1.2-only target over the automatic TLS13_1_2 when it passes', () => {
    // Act, Assess
    expect(
      chooseIotTarget(
        domain('eu-west-1'),
        ruleContext({
          tls: TLS12_FRIENDLY,
          iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' },
        }),
      ),
    ).toEqual({ target: 'IoTSecurityPolicy_TLS12_1_2_2022_10' });
  });

  it('refuses a configured target the policy file fails, one not offered in the Region, and one not in the data', () => {
    // Act
    const failing = chooseIotTarget(
      domain('eu-west-1'),
      ruleContext({ iot: { targetSecurityPolicy: TLS13_AND_12 } }),
    );
    const notOffered = chooseIotTarget(
      domain('us-gov-west-1'),
      ruleContext({ iot: { targetSecurityPolicy: TLS13_ONLY } }),
    );
    const unknown = chooseIotTarget(
      domain('eu-west-1'),
      ruleContext({ iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS13_1_3_2030_01' } }),
    );

    // Assess
    expect(failing).toEqual({
      refused: expect.stringMatching(
        /^iot\.targetSecurityPolicy names IoTSecurityPolicy_TLS13_1_2_2022_10, which offers 14 ciphers outside the allowed classes .* itself$/,
      ),
    });
    expect(notOffered).toEqual({
      refused: `iot.targetSecurityPolicy names ${TLS13_ONLY}, which AWS does not offer in us-gov-west-1`,
    });
    expect(unknown).toEqual({
      refused:
        "iot.targetSecurityPolicy names IoTSecurityPolicy_TLS13_1_3_2030_01, which is not in transit-guard's AWS IoT data",
    });
  });
});

describe('iot-domain-tls-policy', () => {
  it('fails the AWS default TLS13_1_2 and says why no target is named; names the configured one as the target', () => {
    // Act
    const automatic = rule.evaluate(domain('eu-west-1'), ruleContext());
    const configured = rule.evaluate(
      domain('eu-west-1'),
      ruleContext({ iot: { targetSecurityPolicy: TLS13_ONLY } }),
    );

    // Assess
    expect(automatic).toMatchObject({
      status: 'NON_COMPLIANT',
      details: { remediationRefused: expect.stringContaining('iot.targetSecurityPolicy') },
    });
    expect(automatic.remediationTarget).toBeUndefined();
    expect(automatic.reason).toContain(' No target policy: no AWS IoT security policy offered in eu-west-1');
    expect(configured).toMatchObject({ status: 'NON_COMPLIANT', remediationTarget: TLS13_ONLY });
    expect(configured.reason).not.toContain('No target policy');
  });

  it('names iot.targetSecurityPolicy among its parameters, and its guidance says the default moves nothing', () => {
    // Assess
    expect(rule.metadata.parameters.map((parameter) => parameter.policyPath)).toContain(
      'iot.targetSecurityPolicy',
    );
    expect(rule.metadata.remediation.guidance).toContain('iot.targetSecurityPolicy');
    expect(rule.metadata.remediation.guidance).toContain('cannot do TLS 1.3');
  });
});
