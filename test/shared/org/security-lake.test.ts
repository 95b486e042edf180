import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { parquetReadObjects } from 'hyparquet';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CentralFinding } from '../../../shared/org/central-table.js';
import { ocsfOfCentralFinding, ocsfParquet, writeToSecurityLake } from '../../../shared/org/security-lake.js';
import { findingIdOf } from '../../../shared/state/finding-store.js';

const s3 = mockClient(S3Client);
const TARGET = { bucket: 'aws-security-data-lake-eu-west-1-abcdef', prefix: 'ext/transit-guard/' };
const RULE = 'vpn-tunnel-ike-version';

/** A central record as the table holds it. */
function record(
  account: string,
  region: string,
  vpn: string,
  observedAt: string,
  state: 'open' | 'resolved' = 'open',
): CentralFinding {
  const evaluation = {
    ruleId: RULE,
    status: state === 'open' ? ('NON_COMPLIANT' as const) : ('COMPLIANT' as const),
    severity: 'high' as const,
    resourceType: 'AWS::EC2::VPNConnection' as const,
    resourceId: vpn,
    accountId: account,
    region,
    reason: 'Tunnel 1 allows IKEv1.',
  };
  return {
    accountId: account,
    region,
    findingId: findingIdOf(RULE, vpn),
    ruleId: RULE,
    resourceType: evaluation.resourceType,
    resourceId: vpn,
    severity: 'high',
    state,
    reason: evaluation.reason,
    evaluation,
    firstSeenAt: observedAt,
    observedAt,
    eventId: `event-${vpn}`,
    busRegion: region,
  };
}

/** The rows of a Parquet body, INT64 columns as numbers, absent members dropped (as the OCSF objects have them). */
async function rows(body: Uint8Array): Promise<unknown[]> {
  const copy = body.slice().buffer;
  const read = await parquetReadObjects({ file: copy });
  return JSON.parse(
    JSON.stringify(read, (_key, value) =>
      typeof value === 'bigint' ? Number(value) : value === null ? undefined : value,
    ),
  );
}

beforeEach(() => {
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
});

describe('ocsfParquet', () => {
  it('writes OCSF Compliance Finding events a Parquet reader gets back whole, in time order', async () => {
    const late = ocsfOfCentralFinding(
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000b', '2026-12-07T10:05:00.000Z'),
    );
    const early = ocsfOfCentralFinding(
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000a', '2026-12-07T10:01:00.000Z', 'resolved'),
    );

    const read = await rows(ocsfParquet([late, early]));

    expect(read).toEqual(JSON.parse(JSON.stringify([early, late])));
    expect(read[0]).toMatchObject({ class_uid: 2003, status: 'Resolved', compliance: { status: 'Pass' } });
  });

  it('says what happened to the finding: Create when it opens, Update when it changes, Close when it ends', () => {
    const opened = record('111122223333', 'eu-west-1', 'vpn-0000000000000000a', '2026-12-07T10:01:00.000Z');
    const changed = { ...opened, observedAt: '2026-12-07T10:05:00.000Z' };
    const closed = { ...changed, state: 'resolved' as const };

    const activities = [opened, changed, closed]
      .map(ocsfOfCentralFinding)
      .map((e) => [e.activity_id, e.type_uid]);

    expect(activities).toEqual([
      [1, 200301],
      [2, 200302],
      [3, 200303],
    ]);
  });
});

describe('writeToSecurityLake', () => {
  it('writes one object per member region, account and day, under the custom source partitions', async () => {
    const events = [
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000a', '2026-12-07T10:01:00.000Z'),
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000b', '2026-12-07T23:59:59.000Z'),
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000c', '2026-12-08T00:00:01.000Z'),
      record('444455556666', 'us-east-1', 'vpn-0000000000000000d', '2026-12-07T10:01:00.000Z'),
    ].map(ocsfOfCentralFinding);

    const keys = await writeToSecurityLake(new S3Client({ region: 'eu-west-1' }), TARGET, events);

    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts).toHaveLength(3);
    expect(keys.map((key) => key.replace(/[^/]+$/, ''))).toEqual([
      'ext/transit-guard/region=eu-west-1/accountId=111122223333/eventDay=20261207/',
      'ext/transit-guard/region=eu-west-1/accountId=111122223333/eventDay=20261208/',
      'ext/transit-guard/region=us-east-1/accountId=444455556666/eventDay=20261207/',
    ]);
    for (const put of puts) {
      expect(put.Bucket).toBe(TARGET.bucket);
      expect(put.Key).toMatch(/\/transit-guard-[0-9a-f]{32}\.parquet$/);
    }
    expect(await rows(puts[0]?.Body as Uint8Array)).toHaveLength(2);
  });

  it('names an object after its contents: a redelivered batch rewrites it rather than adding a copy', async () => {
    const events = [
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000a', '2026-12-07T10:01:00.000Z'),
    ].map(ocsfOfCentralFinding);

    const first = await writeToSecurityLake(new S3Client({ region: 'eu-west-1' }), TARGET, events);
    const again = await writeToSecurityLake(new S3Client({ region: 'eu-west-1' }), TARGET, events);

    expect(again).toEqual(first);
  });

  it('throws when S3 refuses a write, so the findings stay owed', async () => {
    s3.on(PutObjectCommand).rejects(new Error('AccessDenied'));
    const events = [
      record('111122223333', 'eu-west-1', 'vpn-0000000000000000a', '2026-12-07T10:01:00.000Z'),
    ].map(ocsfOfCentralFinding);

    await expect(writeToSecurityLake(new S3Client({ region: 'eu-west-1' }), TARGET, events)).rejects.toThrow(
      'AccessDenied',
    );
  });
});
