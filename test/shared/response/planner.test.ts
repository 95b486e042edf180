import { describe, expect, it } from 'vitest';
import { elbv2ListenerTcpPlaintext } from '../../../shared/families/elbv2/rules/elbv2-listener-tcp-plaintext.js';
import { elbv2ListenerTlsPolicy as rule } from '../../../shared/families/elbv2/rules/elbv2-listener-tls-policy.js';
import type { Evaluation } from '../../../shared/model/evaluation.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { EXEMPT_TAG } from '../../../shared/response/exemptions.js';
import { planResponse } from '../../../shared/response/planner.js';

const DRY_RUN_NOTE = 'dry run: planned, not executed';
const LOOP_GUARD_NOTE = 'loop guard: the change was made by transit-guard itself; no further action';

import { albHttpsListener, nlbListener } from '../../helpers/elb-fixtures.js';
import { TEST_NOW } from '../../helpers/rule-context.js';
import { evaluateWith, planOf } from './support.js';

const listener = albHttpsListener({ sslPolicy: 'ELBSecurityPolicy-2016-08' });
const TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
/** Dry run off and the rule opted in to remediation (every rule defaults to notify). */
const REMEDIATE = policySchema.parse({ dryRun: false, rules: { [rule.metadata.id]: { mode: 'remediate' } } });
const SET_TARGET = {
  service: 'elbv2',
  command: 'ModifyListener',
  input: { ListenerArn: listener.listenerArn, SslPolicy: TARGET },
};

function exemption(resource: string, expires: string, rules: 'all' | string[] = 'all') {
  return { exemptions: [{ resource, rules, reason: 'PCI scope migration (CHG-4711)', expires }] };
}

describe('planResponse', () => {
  it('plans the exact calls and marks them planned when dry run is off', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'planned',
      action: 'set-ssl-policy',
      target: TARGET,
      calls: [SET_TARGET],
    });
  });

  it('plans the same calls in a dry run, marked dry-run so that nothing calls them', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener, { dryRun: true }));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'dry-run',
      action: 'set-ssl-policy',
      target: TARGET,
      calls: [SET_TARGET],
      note: DRY_RUN_NOTE,
    });
  });

  it('only notifies in notify mode', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener, { rules: { [rule.metadata.id]: { mode: 'notify' } } }));

    // Assess
    expect(plan).toEqual({ mode: 'notify', status: 'notify' });
  });

  it('plans nothing for a compliant evaluation or a rule that is off', () => {
    // Prepare
    const compliant: Evaluation = { ...evaluateWith(rule, listener), status: 'COMPLIANT' };
    const base = { resource: listener, rule: rule.metadata, now: TEST_NOW };

    // Act
    const forCompliant = planResponse({ ...base, evaluation: compliant, policy: policySchema.parse({}) });
    const forOff = planResponse({
      ...base,
      evaluation: evaluateWith(rule, listener),
      policy: policySchema.parse({ rules: { [rule.metadata.id]: { mode: 'off' } } }),
    });

    // Assess
    // Under the default policy the rule notifies (remediation is opt-in); a compliant result needs nothing.
    expect(forCompliant).toEqual({ mode: 'notify', status: 'skipped', note: 'nothing to do: COMPLIANT' });
    expect(forOff).toEqual({ mode: 'off', status: 'skipped', note: 'the rule is off' });
  });

  it('says when the mode asks for an action the rule does not have', () => {
    // Act
    const plan = planOf(
      evaluateWith(elbv2ListenerTcpPlaintext, nlbListener('TCP', 80), {
        rules: { 'elbv2-listener-tcp-plaintext': { mode: 'remediate' } },
      }),
    );

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'notify',
      note: 'rule has no remediate action; notifying only',
    });
  });

  it('takes no action on a change transit-guard made itself (loop guard)', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener, {}, { ownAction: true }));

    // Assess
    expect(plan).toEqual({ mode: 'remediate', status: 'skipped', note: LOOP_GUARD_NOTE });
  });

  it('still notifies in notify mode on a change transit-guard made itself', () => {
    // Act
    const plan = planOf(
      evaluateWith(
        rule,
        listener,
        { rules: { [rule.metadata.id]: { mode: 'notify' } } },
        { ownAction: true },
      ),
    );

    // Assess
    expect(plan.status).toBe('notify');
  });

  it('exempts a resource named in the policy exemptions, with the reason and expiry', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener, exemption(listener.listenerArn, '2027-03-31')));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'exempt',
      note: 'exempt until 2027-03-31 (policy exemption): PCI scope migration (CHG-4711)',
      exemption: {
        source: 'policy',
        rules: 'all',
        reason: 'PCI scope migration (CHG-4711)',
        expires: '2027-03-31',
        expired: false,
      },
    });
  });

  it('exempts a resource by its transit-guard:exempt tag', () => {
    // Prepare
    const resource = albHttpsListener({
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      tags: {
        [EXEMPT_TAG]:
          'rules=elbv2-listener-tls-policy+elbv2-listener-weak-ciphers expires=2027-01-31 reason=legacy clients',
      },
    });

    // Act
    const plan = planOf(evaluateWith(rule, resource));

    // Assess
    expect(plan.status).toBe('exempt');
    expect(plan.calls).toBeUndefined();
    expect(plan.note).toBe(`exempt until 2027-01-31 (${EXEMPT_TAG} tag): legacy clients`);
  });

  it('acts on a resource whose policy exemption has expired, and says so', () => {
    // Act
    const plan = planOf(evaluateWith(rule, listener, exemption(listener.listenerArn, '2026-09-30')));

    // Assess
    expect(plan).toMatchObject({ status: 'planned', action: 'set-ssl-policy', calls: [SET_TARGET] });
    expect(plan.note).toBe(
      'exemption expired on 2026-09-30 (policy exemption: PCI scope migration (CHG-4711)); it no longer exempts',
    );
    expect(plan.exemption).toMatchObject({ source: 'policy', expired: true });
  });

  it('acts on a resource whose exempt tag has expired, and says so after the dry-run note', () => {
    // Prepare
    const resource = albHttpsListener({
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      tags: { [EXEMPT_TAG]: 'rules=all expires=2026-11-01 reason=legacy clients' },
    });

    // Act
    const plan = planOf(evaluateWith(rule, resource, { dryRun: true }));

    // Assess
    expect(plan.status).toBe('dry-run');
    expect(plan.note).toBe(
      `${DRY_RUN_NOTE}; exemption expired on 2026-11-01 (${EXEMPT_TAG} tag: legacy clients); it no longer exempts`,
    );
  });

  it('does not exempt from rules the exemption does not name', () => {
    // Act
    const plan = planOf(
      evaluateWith(
        rule,
        listener,
        exemption(listener.listenerArn, '2027-03-31', ['elbv2-listener-weak-ciphers']),
      ),
    );

    // Assess
    expect(plan.status).toBe('planned');
  });

  it('acts on a resource whose exempt tag does not parse, and says why the tag was ignored', () => {
    // Prepare
    const resource = albHttpsListener({
      sslPolicy: 'ELBSecurityPolicy-2016-08',
      tags: { 'transit-guard:exempt': 'rules=all reason=legacy clients' },
    });

    // Act
    const plan = planOf(evaluateWith(rule, resource));

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'planned',
      action: 'set-ssl-policy',
      target: TARGET,
      calls: [SET_TARGET],
      note: 'transit-guard:exempt tag ignored: expires= is missing: every exemption needs an expiry date',
    });
  });

  it('notifies only when no remediator implements the action the rule names', () => {
    // Prepare
    const metadata = {
      ...rule.metadata,
      remediation: { ...rule.metadata.remediation, remediate: 'rotate-the-moon' },
    };

    // Act
    const plan = planResponse({
      evaluation: evaluateWith(rule, listener),
      resource: listener,
      rule: metadata,
      policy: REMEDIATE,
      now: TEST_NOW,
    });

    // Assess
    expect(plan).toEqual({
      mode: 'remediate',
      status: 'notify',
      note: 'no remediator for rotate-the-moon; notifying only',
    });
  });

  it('sets the configuration the rule chose as the remediation target', () => {
    // Prepare
    const chosen = 'ELBSecurityPolicy-TLS13-1-3-2021-06';

    // Act
    const plan = planResponse({
      evaluation: evaluateWith(rule, listener),
      resource: listener,
      rule: rule.metadata,
      policy: REMEDIATE,
      now: TEST_NOW,
      remediationTarget: chosen,
    });

    // Assess
    expect(plan).toMatchObject({
      status: 'planned',
      target: chosen,
      calls: [{ ...SET_TARGET, input: { ListenerArn: listener.listenerArn, SslPolicy: chosen } }],
    });
  });
});
