import { describe, expect, it } from 'vitest';
import type { Elbv2Listener } from '../../../shared/model/resource.js';
import { policySchema } from '../../../shared/policy/schema.js';
import {
  EXEMPT_TAG,
  exemptionEnd,
  findExemption,
  parseExemptTag,
} from '../../../shared/response/exemptions.js';
import { albHttpListener } from '../../helpers/elb-fixtures.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

function tagged(value: string): Elbv2Listener {
  return albHttpListener({ tags: { [EXEMPT_TAG]: value } });
}

describe('parseExemptTag', () => {
  it('reads rules joined by +, an expiry date and a reason with spaces', () => {
    // Act
    const parsed = parseExemptTag(
      'rules=elbv2-listener-plaintext+elbv2-listener-tls-policy expires=2027-03-31 reason=legacy clients until Q3',
    );

    // Assess
    expect(parsed).toEqual({
      ok: true,
      exemption: {
        rules: ['elbv2-listener-plaintext', 'elbv2-listener-tls-policy'],
        expires: '2027-03-31',
        reason: 'legacy clients until Q3',
      },
    });
  });

  it('accepts semicolons between fields, any field order and rules=all', () => {
    // Act
    const parsed = parseExemptTag('reason=vendor appliance;rules=all;expires=2027-01-15T12:00:00Z');

    // Assess
    expect(parsed).toEqual({
      ok: true,
      exemption: { rules: 'all', expires: '2027-01-15T12:00:00Z', reason: 'vendor appliance' },
    });
  });

  it.each([
    ['rules=all reason=legacy', 'expires= is missing'],
    ['rules=all expires=2027-03-31', 'reason= is missing'],
    ['expires=2027-03-31 reason=legacy', 'rules= is missing'],
    ['rules=all expires=31/03/2027 reason=legacy', 'expires=31/03/2027 is not an ISO date'],
    ['exempt until March', 'expected "rules=... expires=YYYY-MM-DD reason=..."'],
  ])('refuses %j', (value, error) => {
    // Act
    const parsed = parseExemptTag(value);

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(error);
  });
});

describe('exemptionEnd', () => {
  it('keeps a date exempting through that whole day (UTC) and a date-time until that instant', () => {
    expect(exemptionEnd('2027-03-31')).toBe(Date.parse('2027-04-01T00:00:00Z'));
    expect(exemptionEnd('2027-03-31T08:30:00+02:00')).toBe(Date.parse('2027-03-31T06:30:00Z'));
    expect(exemptionEnd('2027-02-30')).toBeUndefined();
  });
});

describe('findExemption', () => {
  const listener = albHttpListener();

  it('finds a policy exemption by the listener ARN or by its load balancer ARN', () => {
    // Prepare
    const byListener = policySchema.parse({
      exemptions: [
        { resource: listener.listenerArn, rules: 'all', reason: 'migration', expires: '2027-01-31' },
      ],
    });
    const byLoadBalancer = policySchema.parse({
      exemptions: [
        {
          resource: listener.loadBalancerArn,
          rules: ['elbv2-listener-plaintext'],
          reason: 'whole ALB is a lab',
          expires: '2027-01-31',
        },
      ],
    });

    // Act
    const first = findExemption(listener, 'elbv2-listener-plaintext', byListener, NOW);
    const second = findExemption(listener, 'elbv2-listener-plaintext', byLoadBalancer, NOW);

    // Assess
    expect(first.active).toMatchObject({ source: 'policy', reason: 'migration', expired: false });
    expect(second.active).toMatchObject({ source: 'policy', reason: 'whole ALB is a lab' });
  });

  it('ignores an exemption for other rules', () => {
    // Prepare
    const resource = tagged('rules=elbv2-listener-tls-policy expires=2027-03-31 reason=legacy');

    // Act
    const lookup = findExemption(resource, 'elbv2-listener-plaintext', policySchema.parse({}), NOW);

    // Assess
    expect(lookup).toEqual({});
  });

  it('exempts through the expiry day and no longer the day after', () => {
    // Prepare
    const resource = tagged('rules=all expires=2026-11-22 reason=cut-over tonight');
    const policy = policySchema.parse({});

    // Act
    const lastDay = findExemption(resource, 'elbv2-listener-plaintext', policy, NOW);
    const dayAfter = findExemption(
      resource,
      'elbv2-listener-plaintext',
      policy,
      new Date('2026-11-23T00:00:00Z'),
    );

    // Assess
    expect(lastDay.active?.expired).toBe(false);
    expect(dayAfter.active).toBeUndefined();
    expect(dayAfter.expired).toMatchObject({ source: 'tag', expires: '2026-11-22', expired: true });
  });

  it('prefers an exemption in force over an expired one', () => {
    // Prepare
    const resource = tagged('rules=all expires=2027-06-30 reason=renewed by the owner');
    const policy = policySchema.parse({
      exemptions: [{ resource: listener.listenerArn, rules: 'all', reason: 'old', expires: '2026-01-31' }],
    });

    // Act
    const lookup = findExemption(resource, 'elbv2-listener-plaintext', policy, NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'tag', reason: 'renewed by the owner' });
    expect(lookup.expired).toBeUndefined();
  });

  it('says why a malformed tag exempts nothing', () => {
    // Act
    const lookup = findExemption(tagged('rules=all reason=forever'), 'x', policySchema.parse({}), NOW);

    // Assess
    expect(lookup.active).toBeUndefined();
    expect(lookup.invalidTag).toContain('every exemption needs an expiry date');
  });
});
