import { describe, expect, it } from 'vitest';
import { collectPages, toDocument } from '../../../../shared/inventory/live/document.js';

describe('toDocument', () => {
  it('turns SDK dates into ISO strings and drops $metadata and undefined values', () => {
    // Prepare
    const output = {
      $metadata: { httpStatusCode: 200, requestId: 'abc' },
      Certificate: {
        NotAfter: new Date('2027-01-31T23:59:59.000Z'),
        RenewalSummary: { UpdatedAt: new Date('2026-12-15T08:00:00.000Z') },
        InUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/1'],
        Serial: undefined,
      },
    };

    // Act
    const document = toDocument(output);

    // Assess
    expect(document).toEqual({
      Certificate: {
        NotAfter: '2027-01-31T23:59:59.000Z',
        RenewalSummary: { UpdatedAt: '2026-12-15T08:00:00.000Z' },
        InUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/shop/1'],
      },
    });
  });
});

describe('collectPages', () => {
  it('follows the token until a page comes without one', async () => {
    // Prepare
    const pages: Record<string, { items: number[]; next: string | undefined }> = {
      first: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [4], next: undefined },
    };
    const tokens: (string | undefined)[] = [];

    // Act
    const items = await collectPages(async (token) => {
      tokens.push(token);
      return pages[token ?? 'first'] ?? { items: [], next: undefined };
    });

    // Assess
    expect(items).toEqual([1, 2, 3, 4]);
    expect(tokens).toEqual([undefined, 'b', 'c']);
  });

  it('stops when a token comes back a second time instead of looping forever', async () => {
    // Prepare
    let calls = 0;

    // Act
    const items = await collectPages(async () => {
      calls++;
      return { items: [calls], next: 'same' };
    });

    // Assess
    expect(items).toEqual([1, 2]);
  });
});
