import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { ConfigServiceClient, SelectAggregateResourceConfigCommand } from '@aws-sdk/client-config-service';
import { DescribeVpnConnectionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import { LIST_CERTIFICATES_PAGE_SIZE } from '../../../../shared/families/acm/live.js';
import { FAMILIES } from '../../../../shared/families/index.js';
import {
  AGGREGATE_QUERY_PAGE_SIZE,
  aggregatedFamilies,
  selectAggregatePage,
} from '../../../../shared/inventory/live/aggregator-select.js';
import { configTypesOf } from '../../../../shared/inventory/live/port.js';
import { certificate, certificateSummary, mockedSource, REGION } from './sdk-outputs.js';

const acm = mockClient(ACMClient);
const ec2 = mockClient(EC2Client);
const config = mockClient(ConfigServiceClient);

const MEMBER = '444455556666';

/** A VPN connection as the aggregator returns it: recorded in a member account and another region. */
function memberVpnItem(id: string): string {
  return JSON.stringify({
    resourceId: id,
    resourceType: 'AWS::EC2::VPNConnection',
    accountId: MEMBER,
    awsRegion: 'ap-south-1',
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2026-11-30T08:00:00.000Z',
    tags: [],
    configuration: {
      vpnConnectionId: id,
      state: 'available',
      type: 'ipsec.1',
      options: { tunnelOptions: [] },
    },
    supplementaryConfiguration: {},
  });
}

const pass = <T>(_operation: string, _subject: string, task: () => Promise<T>) => task();

afterEach(() => {
  acm.reset();
  ec2.reset();
  config.reset();
});

describe('a family read a page at a time (enumeratePage)', () => {
  it('reads one ACM ListCertificates page per item and hands back its NextToken', async () => {
    // Prepare
    acm
      .on(ListCertificatesCommand)
      .resolves({ CertificateSummaryList: [certificateSummary('one')], NextToken: 'acm-2' });
    acm.on(DescribeCertificateCommand).resolves({ Certificate: certificate('one') });
    const source = mockedSource();

    // Act
    const page = await source.enumeratePage?.(REGION, 'acm');

    // Assess
    expect(acm).toReceiveCommandTimes(ListCertificatesCommand, 1);
    expect(acm).toReceiveCommandWith(ListCertificatesCommand, { MaxItems: LIST_CERTIFICATES_PAGE_SIZE });
    expect(page?.next).toBe('acm-2');
    expect(page?.resources.map((r) => r.resourceType)).toEqual(['AWS::ACM::Certificate']);
  });

  it('continues from the token and ends on the page without one', async () => {
    // Prepare
    acm.on(ListCertificatesCommand, { NextToken: 'acm-2' }).resolves({ CertificateSummaryList: [] });
    const source = mockedSource();

    // Act
    const page = await source.enumeratePage?.(REGION, 'acm', 'acm-2');

    // Assess
    expect(acm).toReceiveCommandWith(ListCertificatesCommand, { NextToken: 'acm-2' });
    expect(page?.next).toBeUndefined();
    expect(page?.errors).toEqual([]);
  });

  it('reads a family without pages in one item, and refuses a token for it', async () => {
    // Prepare
    ec2.on(DescribeVpnConnectionsCommand).resolves({ VpnConnections: [] });
    const source = mockedSource();

    // Act
    const whole = await source.enumeratePage?.(REGION, 'vpn');
    const paged = await source.enumeratePage?.(REGION, 'vpn', 'x');

    // Assess
    expect(ec2).toReceiveCommandTimes(DescribeVpnConnectionsCommand, 1);
    expect(whole?.next).toBeUndefined();
    expect(whole?.errors).toEqual([]);
    expect(paged?.errors.map((e) => e.message)).toEqual(['Site-to-Site VPN has no pages (token x)']);
  });

  it('names an unknown family in an error', async () => {
    // Act
    const page = await mockedSource().enumeratePage?.(REGION, 'nope');

    // Assess
    expect(page?.errors).toEqual([{ source: `sweep item nope ${REGION}`, message: 'no family nope' }]);
  });
});

describe('selectAggregatePage', () => {
  const options = {
    aggregator: 'org-aggregator',
    region: 'us-east-1',
    clients: createRegionalClients({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } })(
      'us-east-1',
    ),
    call: pass,
    families: FAMILIES,
  };

  it('asks the aggregator for 100 items of every Config type of the families, in one query', async () => {
    // Prepare
    config
      .on(SelectAggregateResourceConfigCommand)
      .resolves({ Results: [memberVpnItem('vpn-0a')], NextToken: 'n2' });

    // Act
    const page = await selectAggregatePage(options);

    // Assess
    const types = aggregatedFamilies(FAMILIES).flatMap(configTypesOf);
    expect(types.length).toBeGreaterThan(0);
    const sent = config.commandCalls(SelectAggregateResourceConfigCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({
      ConfigurationAggregatorName: 'org-aggregator',
      Limit: AGGREGATE_QUERY_PAGE_SIZE,
    });
    expect(AGGREGATE_QUERY_PAGE_SIZE).toBe(100);
    expect(sent?.Expression).toMatch(/^SELECT .*accountId.*awsRegion.* WHERE resourceType IN \(/);
    for (const type of types) expect(sent?.Expression).toContain(`'${type}'`);
    expect(page.next).toBe('n2');
    expect(page.resources).toEqual([
      expect.objectContaining({ resourceId: 'vpn-0a', accountId: MEMBER, region: 'ap-south-1' }),
    ]);
  });

  it('sends the page token, and reports a result that is not JSON without losing the others', async () => {
    // Prepare
    config
      .on(SelectAggregateResourceConfigCommand, { NextToken: 'n2' })
      .resolves({ Results: ['{not json', memberVpnItem('vpn-0b')] });

    // Act
    const page = await selectAggregatePage({ ...options, token: 'n2' });

    // Assess
    expect(config).toReceiveCommandWith(SelectAggregateResourceConfigCommand, { NextToken: 'n2' });
    expect(page.next).toBeUndefined();
    expect(page.resources.map((r) => r.resourceId)).toEqual(['vpn-0b']);
    expect(page.errors).toEqual([
      { source: 'api:SelectAggregateResourceConfig org-aggregator', message: 'result 0 is not JSON' },
    ]);
  });

  it('turns a refused query into an error naming the call, not an empty organization', async () => {
    // Prepare
    config
      .on(SelectAggregateResourceConfigCommand)
      .rejects(
        Object.assign(new Error('no such aggregator'), { name: 'NoSuchConfigurationAggregatorException' }),
      );

    // Act
    const page = await selectAggregatePage(options);

    // Assess
    expect(page.resources).toEqual([]);
    expect(page.errors).toHaveLength(1);
    expect(page.errors[0]?.message).toContain('NoSuchConfigurationAggregatorException');
  });
});
