import { describe, expect, it } from 'vitest';
import { ORG_ACCOUNT_REGION } from '../../../bench/org/model.js';
import { generateAccount } from '../../../bench/stand-in/account.js';
import { aggregatePage, memberAccountIds, organizationSize } from '../../../bench/stand-in/organization.js';

const template = generateAccount(ORG_ACCOUNT_REGION, { region: 'us-east-1', accountId: '999999999999' });
const organization = { aggregator: 'org', accounts: 3, regions: ['us-east-1', 'eu-west-1'], template };
const VPN = `SELECT resourceId, accountId, awsRegion WHERE resourceType IN ('AWS::EC2::VPNConnection')`;
const query = (body: Record<string, unknown>) =>
  aggregatePage(organization, { ConfigurationAggregatorName: 'org', Expression: VPN, Limit: 100, ...body });

describe('the stand-in organization aggregator', () => {
  it("pages every account-region's items of the asked types, 100 at a time, under each member's ids", () => {
    // Act: every page, following the tokens.
    const results: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = query(token ? { NextToken: token } : {});
      if (page.status !== 200) throw new Error(page.message);
      results.push(...(page.answer.Results as string[]));
      token = page.answer.NextToken as string | undefined;
      pages++;
    } while (token);

    // Assess
    const items = results.map(
      (text) => JSON.parse(text) as { accountId: string; awsRegion: string; resourceType: string },
    );
    const perAccountRegion = ORG_ACCOUNT_REGION.vpnConnections;
    expect(items).toHaveLength(3 * 2 * perAccountRegion);
    expect(items).toHaveLength(organizationSize(organization, ['AWS::EC2::VPNConnection']));
    expect(pages).toBe(Math.ceil(items.length / 100));
    expect(new Set(items.map((item) => item.resourceType))).toEqual(new Set(['AWS::EC2::VPNConnection']));
    expect(new Set(items.map((item) => item.accountId))).toEqual(new Set(memberAccountIds(organization)));
    expect(new Set(items.map((item) => item.awsRegion))).toEqual(new Set(organization.regions));
    expect(results.some((text) => text.includes(template.accountId))).toBe(false);
  });

  it('returns 25 without a Limit and refuses one over 100, as AWS documents', () => {
    // Act
    const unlimited = aggregatePage(organization, { ConfigurationAggregatorName: 'org', Expression: VPN });
    const tooMany = query({ Limit: 101 });

    // Assess
    expect(unlimited.status === 200 && (unlimited.answer.Results as string[]).length).toBe(25);
    expect(tooMany).toMatchObject({ status: 400, type: 'InvalidLimitException' });
  });

  it('knows no other aggregator', () => {
    expect(query({ ConfigurationAggregatorName: 'other' })).toMatchObject({
      status: 400,
      type: 'NoSuchConfigurationAggregatorException',
    });
  });
});
