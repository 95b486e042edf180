import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResponsePlan } from '../../../shared/model/evaluation.js';
import { canonicalJson, planHash } from '../../../shared/response/plan-hash.js';

const LISTENER =
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TARGET = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';
const PLAN: ResponsePlan = {
  mode: 'remediate',
  status: 'planned',
  action: 'set-ssl-policy',
  target: TARGET,
  calls: [
    { service: 'elbv2', command: 'ModifyListener', input: { ListenerArn: LISTENER, SslPolicy: TARGET } },
  ],
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('canonicalJson', () => {
  it('sorts the keys of every object, nested ones too, and keeps array order', () => {
    // Act
    const text = canonicalJson({ b: [{ z: 1, a: 'x' }, 2], a: { d: null, c: true } });

    // Assess
    expect(text).toBe('{"a":{"c":true,"d":null},"b":[{"a":"x","z":1},2]}');
  });

  it('leaves out undefined members and writes an undefined value as null', () => {
    // Act & Assess
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('escapes keys and strings as JSON does', () => {
    // Act & Assess
    expect(canonicalJson({ 'a"b': 'c\nd' })).toBe('{"a\\"b":"c\\nd"}');
  });
});

describe('planHash', () => {
  it('is the sha256 of the canonical action, target and calls', () => {
    // Act
    const hash = planHash(PLAN);

    // Assess
    expect(hash).toBe(
      sha256(
        `{"action":"set-ssl-policy","calls":[{"command":"ModifyListener","input":{"ListenerArn":"${LISTENER}","SslPolicy":"${TARGET}"},"service":"elbv2"}],"target":"${TARGET}"}`,
      ),
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order, mode, status or note', () => {
    // Prepare
    const reordered: ResponsePlan = {
      calls: [
        { input: { SslPolicy: TARGET, ListenerArn: LISTENER }, command: 'ModifyListener', service: 'elbv2' },
      ],
      target: TARGET,
      action: 'set-ssl-policy',
      mode: 'block',
      status: 'dry-run',
      note: 'dry run: planned, not executed',
    };

    // Act & Assess
    expect(planHash(reordered)).toBe(planHash(PLAN));
  });

  it('changes with the action, the target or any call', () => {
    // Prepare
    const base = planHash(PLAN);
    const otherCall: ResponsePlan = {
      ...PLAN,
      calls: [
        {
          service: 'elbv2',
          command: 'ModifyListener',
          input: { ListenerArn: `${LISTENER}0`, SslPolicy: TARGET },
        },
      ],
    };

    // Act & Assess
    expect(planHash({ ...PLAN, action: 'redirect-to-https' })).not.toBe(base);
    expect(planHash({ ...PLAN, target: 'ELBSecurityPolicy-TLS13-1-3-2021-06' })).not.toBe(base);
    expect(planHash(otherCall)).not.toBe(base);
    expect(planHash({ ...PLAN, calls: [...(PLAN.calls ?? []), ...(PLAN.calls ?? [])] })).not.toBe(base);
  });

  it('hashes a plan without action, target or calls as nulls and an empty call list', () => {
    // Act & Assess
    expect(planHash({})).toBe(sha256('{"action":null,"calls":[],"target":null}'));
  });
});
