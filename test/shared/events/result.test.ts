import { describe, expect, it } from 'vitest';
import { ignore, inspect } from '../../../shared/events/result.js';
import type { ResourceRef } from '../../../shared/model/ref.js';

const LISTENERS: ResourceRef = {
  resourceType: 'AWS::ElasticLoadBalancingV2::Listener',
  resourceId: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop-web/4f1c0d2e9a7b3c55/',
  accountId: '111122223333',
  region: 'eu-west-1',
};

describe('inspect', () => {
  it('keeps byPrefix on a deleted route', () => {
    // Act
    const route = inspect({
      eventId: 'e-1',
      eventName: 'DeleteLoadBalancer',
      refs: [LISTENERS],
      deleted: true,
      byPrefix: true,
    });

    // Assess
    expect(route).toStrictEqual({
      kind: 'inspect',
      eventId: 'e-1',
      eventName: 'DeleteLoadBalancer',
      refs: [LISTENERS],
      deleted: true,
      byPrefix: true,
    });
  });

  it.each([
    { what: 'a route that deletes nothing', deleted: undefined },
    { what: 'a route whose deleted is false', deleted: false },
  ])('drops byPrefix from $what: a prefix is never read as a resource', ({ deleted }) => {
    // Act
    const route = inspect({
      eventId: 'e-2',
      eventName: 'ModifyListener',
      refs: [LISTENERS],
      deleted,
      byPrefix: true,
    });

    // Assess
    expect(route).toStrictEqual({
      kind: 'inspect',
      eventId: 'e-2',
      eventName: 'ModifyListener',
      refs: [LISTENERS],
    });
  });

  it('leaves byPrefix out of a deleted route that does not set it', () => {
    // Act
    const route = inspect({
      eventId: 'e-3',
      eventName: 'DeleteListener',
      refs: [LISTENERS],
      deleted: true,
      byPrefix: false,
    });

    // Assess
    expect(route).toStrictEqual({
      kind: 'inspect',
      eventId: 'e-3',
      eventName: 'DeleteListener',
      refs: [LISTENERS],
      deleted: true,
    });
  });
});

describe('ignore', () => {
  it('says why nothing is inspected', () => {
    // Act
    const route = ignore('e-4', 'AddTags is out of scope for ELBv2 (API 2015-12-01)');

    // Assess
    expect(route).toStrictEqual({
      kind: 'ignore',
      eventId: 'e-4',
      reason: 'AddTags is out of scope for ELBv2 (API 2015-12-01)',
    });
  });
});
