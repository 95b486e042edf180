import { ListParentsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { organizationsOuPath, routeFor } from '../../../shared/org/slack-routes.js';

const ACCOUNT = '111122223333';
const TEAM_OU = 'ou-ab12-team0001';
const PROD_OU = 'ou-ab12-prod0001';
const ROOT = 'r-ab12';
const organizations = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });

describe('organizationsOuPath', () => {
  beforeEach(() => {
    organizations.reset();
    organizations
      .on(ListParentsCommand, { ChildId: ACCOUNT })
      .resolves({ Parents: [{ Id: TEAM_OU, Type: 'ORGANIZATIONAL_UNIT' }] });
    organizations
      .on(ListParentsCommand, { ChildId: TEAM_OU })
      .resolves({ Parents: [{ Id: PROD_OU, Type: 'ORGANIZATIONAL_UNIT' }] });
    organizations
      .on(ListParentsCommand, { ChildId: PROD_OU })
      .resolves({ Parents: [{ Id: ROOT, Type: 'ROOT' }] });
  });

  it('walks up to the root and asks again only after the TTL', async () => {
    let now = 0;
    const pathOf = organizationsOuPath(client, { ttlMs: 1000, now: () => now });

    expect(await pathOf(ACCOUNT)).toEqual([TEAM_OU, PROD_OU, ROOT]);
    await pathOf(ACCOUNT);
    expect(organizations.commandCalls(ListParentsCommand)).toHaveLength(3);
    now = 1000;
    await pathOf(ACCOUNT);
    expect(organizations.commandCalls(ListParentsCommand)).toHaveLength(6);
  });

  it('fails (rather than guessing a route) when Organizations names no parent', async () => {
    organizations.on(ListParentsCommand, { ChildId: ACCOUNT }).resolves({ Parents: [] });

    await expect(organizationsOuPath(client)(ACCOUNT)).rejects.toThrow(`no parent for ${ACCOUNT}`);
  });
});

describe('routeFor', () => {
  const path = async () => [TEAM_OU, PROD_OU, ROOT];
  const routes = [
    { match: { ou: PROD_OU, minSeverity: 'critical' as const }, channel: 'prod-critical' },
    { match: { account: '444455556666' }, channel: 'sandbox' },
    { match: { minSeverity: 'high' as const }, channel: 'security-high' },
  ];

  it.each([
    ['critical', ACCOUNT, 'prod-critical'],
    ['high', ACCOUNT, 'security-high'],
    ['low', '444455556666', 'sandbox'],
    ['medium', ACCOUNT, undefined],
  ] as const)(
    'routes a %s finding of %s to %s (first match wins, an OU above the account counts)',
    async (severity, accountId, channel) => {
      expect((await routeFor(routes, { accountId, severity }, path))?.channel).toBe(channel);
    },
  );

  it('asks for the OU only when a route names one', async () => {
    let asked = 0;
    await routeFor(
      [{ match: { minSeverity: 'low' }, channel: 'all' }],
      { accountId: ACCOUNT, severity: 'high' },
      async () => {
        asked++;
        return [];
      },
    );
    expect(asked).toBe(0);
  });
});
