/**
 * set-iot-tls-policy: plans UpdateDomainConfiguration to the rule's target (iot.targetSecurityPolicy or the
 * automatic one), refuses with the rule's reason when there is none, and refuses a target that is not the one
 * the policy names; run through the executor against aws-sdk-client-mock.
 */
import { IoTClient, UpdateDomainConfigurationCommand } from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { IotDomainConfiguration } from '../../../../../shared/families/iot/model.js';
import { setIotTlsPolicy } from '../../../../../shared/families/iot/remediators/set-iot-tls-policy.js';
import { iotDomainTlsPolicy as rule } from '../../../../../shared/families/iot/rules/iot-domain-tls-policy.js';
import { policySchema } from '../../../../../shared/policy/schema.js';
import { executePlan } from '../../../../../shared/response/executor.js';
import { evaluateWith, executorDeps, plannedAction, planOf, reads } from '../../../response/support.js';

const TLS13_ONLY = 'IoTSecurityPolicy_TLS13_1_3_2022_10';
const CONFIGURED = { iot: { targetSecurityPolicy: TLS13_ONLY } };
const iot = mockClient(IoTClient);

function domain(securityPolicy = 'IoTSecurityPolicy_TLS13_1_2_2022_10'): IotDomainConfiguration {
  const arn = 'arn:aws:iot:eu-west-1:111122223333:domainconfiguration/fleet/ab12c';
  return {
    resourceType: 'AWS::IoT::DomainConfiguration',
    resourceId: arn,
    region: 'eu-west-1',
    accountId: '111122223333',
    domainConfigurationArn: arn,
    domainConfigurationName: 'fleet',
    domainConfigurationStatus: 'ENABLED',
    securityPolicy,
    tags: {},
    source: 'test',
  };
}

describe('set-iot-tls-policy', () => {
  afterEach(() => {
    iot.reset();
  });

  it('under the default policy plans nothing: notifies with why (TLS 1.3 only would cut off TLS 1.2 devices)', () => {
    // Act
    const plan = planOf(evaluateWith(rule, domain()));

    // Assess
    expect(plan.status).toBe('notify');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toMatch(
      /^domain configuration fleet: no AWS IoT security policy to move to \(no AWS IoT security policy offered in eu-west-1 that accepts TLSv1\.2 passes .* name it in iot\.targetSecurityPolicy once the fleet supports it\); notifying only$/,
    );
  });

  it('dry run: plans the configured target without calling', () => {
    // Act
    const plan = planOf(evaluateWith(rule, domain(), { ...CONFIGURED, dryRun: true }));

    // Assess
    expect(plan).toMatchObject({
      status: 'dry-run',
      action: 'set-iot-tls-policy',
      target: TLS13_ONLY,
      calls: [
        {
          service: 'iot',
          command: 'UpdateDomainConfiguration',
          input: { domainConfigurationName: 'fleet', tlsConfig: { securityPolicy: TLS13_ONLY } },
        },
      ],
    });
  });

  it('sets the configured target and verifies it by reading the domain configuration again', async () => {
    // Prepare
    const action = plannedAction(rule, domain(), CONFIGURED);
    iot.on(UpdateDomainConfigurationCommand).resolves({});
    const { readResource } = reads(domain(), domain(TLS13_ONLY));

    // Act
    const client = new IoTClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const record = await executePlan(
      action,
      executorDeps(rule, readResource, { policy: CONFIGURED, clientFor: async () => client }),
    );

    // Assess
    expect(iot).toReceiveCommandExactlyOnceWith(UpdateDomainConfigurationCommand, {
      domainConfigurationName: 'fleet',
      tlsConfig: { securityPolicy: TLS13_ONLY },
    });
    expect(record).toMatchObject({ status: 'remediated', action: 'set-iot-tls-policy' });
  });

  it('refuses a target that is not the one iot.targetSecurityPolicy names, and one the domain already uses', () => {
    // Prepare
    const evaluation = evaluateWith(rule, domain(), CONFIGURED);
    const other = policySchema.parse({
      iot: { targetSecurityPolicy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' },
    });

    // Act
    const mismatch = setIotTlsPolicy.plan({
      resource: domain(),
      evaluation,
      policy: other,
      target: TLS13_ONLY,
    });
    const already = setIotTlsPolicy.plan({
      resource: domain(TLS13_ONLY),
      evaluation,
      policy: policySchema.parse(CONFIGURED),
      target: TLS13_ONLY,
    });

    // Assess
    expect(mismatch).toEqual({
      kind: 'refused',
      note: `domain configuration fleet: the finding names ${TLS13_ONLY}, but iot.targetSecurityPolicy is IoTSecurityPolicy_TLS12_1_2_2022_10; judge the domain configuration again under this policy`,
    });
    expect(already).toEqual({
      kind: 'refused',
      note: `domain configuration fleet already uses ${TLS13_ONLY}`,
    });
  });
});
