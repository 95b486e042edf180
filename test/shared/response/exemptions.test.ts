import { describe, expect, it, vi } from 'vitest';
import type { Elbv2Listener } from '../../../shared/families/elbv2/model.js';
import { elbv2ListenerPlaintext } from '../../../shared/families/elbv2/rules/elbv2-listener-plaintext.js';
import { policySchema } from '../../../shared/policy/schema.js';
import {
  describeIgnoredTag,
  EXEMPT_TAG,
  exemptionEnd,
  findExemption,
  latestTagEnd,
  parseExemptTag,
} from '../../../shared/response/exemptions.js';
import { albHttpListener } from '../../helpers/elb-fixtures.js';
import { evaluateWith, planOf } from './support.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

/** A family outside the registry whose things may also be exempted by their group's id. */
const fixture = vi.hoisted(() => ({
  family: {
    id: 'fixture',
    label: 'Fixture things',
    ruleFamily: 'fixture',
    resourceTypes: ['AWS::Fixture::Thing'],
    rules: [],
    remediators: [],
    commands: {},
    exemptionIds: (resource: { groupId?: string }) => (resource.groupId ? [resource.groupId] : []),
  },
}));

vi.mock('../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/families/index.js')>();
  return { ...original, FAMILIES: [...original.FAMILIES, fixture.family] };
});

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

  it('finds a policy exemption by an id a family added to the registry names its resource by', () => {
    // Prepare
    const thing = { ...albHttpListener(), resourceType: 'AWS::Fixture::Thing', groupId: 'group-1' };
    const policy = policySchema.parse({
      exemptions: [{ resource: 'group-1', rules: 'all', reason: 'whole group', expires: '2027-01-31' }],
    });

    // Act
    const lookup = findExemption(thing as unknown as Elbv2Listener, 'fixture-rule', policy, NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'policy', reason: 'whole group' });
  });

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
    const resource = tagged('rules=all expires=2027-01-31 reason=renewed by the owner');
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

describe('parseExemptTag, field by field', () => {
  it('ends a value at a semicolon followed by a space, as owners type it', () => {
    // Act
    const parsed = parseExemptTag('reason=legacy clients; rules=all; expires=2027-03-31');

    // Assess
    expect(parsed).toEqual({
      ok: true,
      exemption: { rules: 'all', expires: '2027-03-31', reason: 'legacy clients' },
    });
  });

  it('trims the spaces around values and around the rule ids, and ignores empty ids', () => {
    // Act
    const parsed = parseExemptTag(
      'rules= elbv2-listener-plaintext + elbv2-listener-tls-policy++ expires= 2027-03-31 reason= legacy clients ',
    );

    // Assess
    expect(parsed).toEqual({
      ok: true,
      exemption: {
        rules: ['elbv2-listener-plaintext', 'elbv2-listener-tls-policy'],
        expires: '2027-03-31',
        reason: 'legacy clients',
      },
    });
  });

  it('reads rules=all+ as all, but a list that merely names all only exempts from the other rules it names', () => {
    // Act
    const trailingPlus = parseExemptTag('rules=ALL+ expires=2027-03-31 reason=lab');
    const listed = parseExemptTag('rules=all+elbv2-listener-plaintext expires=2027-03-31 reason=lab');

    // Assess
    expect(trailingPlus).toMatchObject({ ok: true, exemption: { rules: 'all' } });
    expect(listed).toMatchObject({ ok: true, exemption: { rules: ['all', 'elbv2-listener-plaintext'] } });
  });

  it.each([
    ['text before the first field', 'please rules=all expires=2027-03-31 reason=legacy'],
    ['an empty tag', ''],
  ])('refuses %s with the expected format', (_case, value) => {
    // Act
    const parsed = parseExemptTag(value);

    // Assess
    expect(parsed).toEqual({ ok: false, error: 'expected "rules=... expires=YYYY-MM-DD reason=..."' });
  });

  it.each([
    ['a date-time to the minute', '2027-01-15T12:00Z', Date.parse('2027-01-15T12:00:00Z')],
    [
      'a date-time with milliseconds and an offset',
      '2027-01-15T12:00:00.250+01:00',
      Date.parse('2027-01-15T11:00:00.250Z'),
    ],
  ])('accepts %s as the expiry', (_case, expires, end) => {
    // Act
    const parsed = parseExemptTag(`rules=all expires=${expires} reason=legacy`);

    // Assess
    expect(parsed).toEqual({ ok: true, exemption: { rules: 'all', expires, reason: 'legacy' } });
    expect(exemptionEnd(expires)).toBe(end);
  });

  it.each([
    ['a date-time without an offset (local time of which zone?)', '2027-01-15T12:00:00'],
    ['an English date', 'March 31 2027'],
    ['a date with slashes', '2027/03/31'],
    ['an expanded year', '+002027-01-15T12:00:00Z'],
  ])('refuses %s as the expiry, although JavaScript would read it', (_case, expires) => {
    // Act
    const parsed = parseExemptTag(`rules=all expires=${expires} reason=legacy`);

    // Assess
    expect(parsed).toEqual({ ok: false, error: `expires=${expires} is not an ISO date (YYYY-MM-DD)` });
  });
});

describe('findExemption, which exemption wins', () => {
  const listener = albHttpListener();
  const RULE = 'elbv2-listener-plaintext';

  function policyWith(...exemptions: { resource: string; expires: string; reason: string }[]) {
    return policySchema.parse({ exemptions: exemptions.map((e) => ({ ...e, rules: 'all' })) });
  }

  it('reads the tag under the key transit-guard:exempt', () => {
    // Prepare
    const resource = albHttpListener({
      tags: { 'transit-guard:exempt': 'rules=all expires=2027-01-31 reason=lab' },
    });

    // Act
    const lookup = findExemption(resource, RULE, policySchema.parse({}), NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'tag', reason: 'lab' });
  });

  it('ignores a policy exemption for another resource', () => {
    // Prepare
    const policy = policyWith({
      resource: listener.listenerArn.replace(/\w+$/, '0123456789abcdef'),
      expires: '2027-03-31',
      reason: 'another listener',
    });

    // Act
    const lookup = findExemption(listener, RULE, policy, NOW);

    // Assess
    expect(lookup).toEqual({});
  });

  const older = { resource: listener.listenerArn, expires: '2027-01-31', reason: 'first window' };
  const newer = { resource: listener.loadBalancerArn, expires: '2027-06-30', reason: 'extended window' };

  it.each([
    ['listed first', [newer, older]],
    ['listed last', [older, newer]],
  ])('names the exemption in force that lasts longest, %s', (_case, exemptions) => {
    // Act
    const lookup = findExemption(listener, RULE, policyWith(...exemptions), NOW);

    // Assess
    expect(lookup.active).toMatchObject({ reason: 'extended window', expires: '2027-06-30' });
  });

  const longAgo = { resource: listener.listenerArn, expires: '2025-01-31', reason: 'first window' };
  const lately = { resource: listener.loadBalancerArn, expires: '2026-10-31', reason: 'second window' };

  it.each([
    ['listed first', [lately, longAgo]],
    ['listed last', [longAgo, lately]],
  ])('names the most recently expired exemption when none is in force, %s', (_case, exemptions) => {
    // Act
    const lookup = findExemption(listener, RULE, policyWith(...exemptions), NOW);

    // Assess
    expect(lookup.active).toBeUndefined();
    expect(lookup.expired).toMatchObject({ reason: 'second window', expires: '2026-10-31', expired: true });
  });

  it('weighs a tag and a policy exemption by how long they last, not by where they come from', () => {
    // Prepare
    const resource = tagged('rules=all expires=2027-02-15 reason=tag window');
    const policy = policyWith({
      resource: listener.listenerArn,
      expires: '2027-01-31',
      reason: 'policy window',
    });

    // Act
    const lookup = findExemption(resource, RULE, policy, NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'tag', reason: 'tag window' });
  });
});

describe('findExemption, what the policy lets a tag do', () => {
  const RULE = 'elbv2-listener-plaintext';
  const strict = (exemptions: Record<string, unknown>) => policySchema.parse({ exemptions });

  it('refuses every exempt tag when exemptions.tags is deny, and says so', () => {
    // Prepare
    const resource = tagged('rules=all expires=2026-12-01 reason=owner says so');

    // Act
    const lookup = findExemption(resource, RULE, strict({ tags: 'deny' }), NOW);

    // Assess
    expect(lookup).toEqual({ refusedTag: 'exemptions.tags is deny in the policy' });
    expect(describeIgnoredTag(lookup)).toBe(
      'transit-guard:exempt tag refused: exemptions.tags is deny in the policy',
    );
  });

  it('says nothing about tags when exemptions.tags is deny and the resource has none', () => {
    // Act
    const lookup = findExemption(albHttpListener(), RULE, strict({ tags: 'deny' }), NOW);

    // Assess
    expect(lookup).toEqual({});
  });

  it('still applies the policy file exemptions when exemptions.tags is deny', () => {
    // Prepare
    const listener = albHttpListener({ tags: { [EXEMPT_TAG]: 'rules=all expires=2026-12-01 reason=tag' } });
    const policy = strict({
      tags: 'deny',
      resources: [
        { resource: listener.listenerArn, rules: 'all', reason: 'reviewed', expires: '2026-12-31' },
      ],
    });

    // Act
    const lookup = findExemption(listener, RULE, policy, NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'policy', reason: 'reviewed' });
    expect(lookup.refusedTag).toBe('exemptions.tags is deny in the policy');
  });

  it('accepts a tag whose expiry date is exactly maxDays after today, and refuses the day after', () => {
    // Prepare: 2026-11-22 + 90 days = 2027-02-20.
    const policy = policySchema.parse({});

    // Act
    const lastDay = findExemption(tagged('rules=all expires=2027-02-20 reason=lab'), RULE, policy, NOW);
    const dayAfter = findExemption(tagged('rules=all expires=2027-02-21 reason=lab'), RULE, policy, NOW);

    // Assess
    expect(lastDay).toEqual({
      active: { source: 'tag', rules: 'all', reason: 'lab', expires: '2027-02-20', expired: false },
    });
    expect(dayAfter).toEqual({ refusedTag: 'expires 2027-02-21, beyond exemptions.maxDays (90)' });
    expect(describeIgnoredTag(dayAfter)).toBe(
      'transit-guard:exempt tag refused: expires 2027-02-21, beyond exemptions.maxDays (90)',
    );
  });

  it('counts maxDays from the start of today (UTC), whatever the time now', () => {
    // Prepare
    const lateToday = new Date('2026-11-22T23:59:59.999Z');
    const tomorrow = new Date('2026-11-23T00:00:00.000Z');
    const resource = tagged('rules=all expires=2026-11-29 reason=a week');
    const week = strict({ maxDays: 7 });
    const sixDays = strict({ maxDays: 6 });

    // Act & Assess
    expect(findExemption(resource, RULE, week, lateToday).active?.expires).toBe('2026-11-29');
    expect(findExemption(resource, RULE, sixDays, lateToday).refusedTag).toBe(
      'expires 2026-11-29, beyond exemptions.maxDays (6)',
    );
    expect(findExemption(resource, RULE, sixDays, tomorrow).active?.expires).toBe('2026-11-29');
  });

  it('bounds a date-time expiry by the end of the last allowed day, to the millisecond', () => {
    // Prepare
    const policy = strict({ maxDays: 1 });

    // Act
    const atEnd = findExemption(tagged('rules=all expires=2026-11-24T00:00:00Z reason=x'), RULE, policy, NOW);
    const after = findExemption(
      tagged('rules=all expires=2026-11-24T00:00:00.001Z reason=x'),
      RULE,
      policy,
      NOW,
    );

    // Assess
    expect(atEnd.active?.expires).toBe('2026-11-24T00:00:00Z');
    expect(after.refusedTag).toBe('expires 2026-11-24T00:00:00.001Z, beyond exemptions.maxDays (1)');
  });

  it('says nothing about a refused tag that names only other rules', () => {
    // Act
    const lookup = findExemption(
      tagged('rules=elbv2-listener-tls-policy expires=2030-01-01 reason=lab'),
      RULE,
      policySchema.parse({}),
      NOW,
    );

    // Assess
    expect(lookup).toEqual({});
  });

  it('does not bound the policy file exemptions by maxDays: the file is reviewed like code', () => {
    // Prepare
    const listener = albHttpListener();
    const policy = strict({
      maxDays: 1,
      resources: [
        { resource: listener.listenerArn, rules: 'all', reason: 'five years', expires: '2031-11-22' },
      ],
    });

    // Act
    const lookup = findExemption(listener, RULE, policy, NOW);

    // Assess
    expect(lookup.active).toMatchObject({ source: 'policy', expires: '2031-11-22', expired: false });
  });

  it('says nothing when the tag exempts or there is no tag', () => {
    // Assess
    expect(describeIgnoredTag({})).toBeUndefined();
    expect(describeIgnoredTag({ invalidTag: 'rules= is missing or empty' })).toBe(
      'transit-guard:exempt tag ignored: rules= is missing or empty',
    );
  });
});

describe('latestTagEnd', () => {
  it('is the end of the UTC day maxDays days after today', () => {
    expect(latestTagEnd(new Date('2026-11-22T10:00:00Z'), 90)).toBe(Date.parse('2027-02-21T00:00:00Z'));
    expect(latestTagEnd(new Date('2026-12-31T23:59:59Z'), 1)).toBe(Date.parse('2027-01-02T00:00:00Z'));
  });
});

describe('planResponse with a refused exempt tag', () => {
  const resource = tagged('rules=all expires=2027-06-30 reason=self-granted');
  const notify = { rules: { 'elbv2-listener-plaintext': { mode: 'notify' as const } } };

  it('acts as if there were no exemption and says the tag was refused', () => {
    // Act
    const plan = planOf(evaluateWith(elbv2ListenerPlaintext, resource, notify, { now: NOW }));

    // Assess
    expect(plan).toEqual({
      mode: 'notify',
      status: 'notify',
      note: 'transit-guard:exempt tag refused: expires 2027-06-30, beyond exemptions.maxDays (90)',
    });
  });

  it('says tag exemptions are denied when the policy denies them', () => {
    // Prepare
    const denied = { ...notify, exemptions: { tags: 'deny' as const } };

    // Act
    const plan = planOf(
      evaluateWith(elbv2ListenerPlaintext, tagged('rules=all expires=2026-12-01 reason=x'), denied, {
        now: NOW,
      }),
    );

    // Assess
    expect(plan).toEqual({
      mode: 'notify',
      status: 'notify',
      note: 'transit-guard:exempt tag refused: exemptions.tags is deny in the policy',
    });
  });
});
