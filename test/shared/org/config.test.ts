import { describe, expect, it } from 'vitest';
import {
  CentralConfigurationError,
  loadCentralConfig,
  parseSlackRoutes,
} from '../../../shared/org/config.js';

const base = {
  AWS_REGION: 'eu-west-1',
  TG_CENTRAL_TABLE: 'transit-guard-central',
  TG_SECURITY_HUB: 'on',
};
const routes = JSON.stringify([
  { match: { ou: 'ou-ab12-34cd56ef', minSeverity: 'high' }, channel: 'tg/slack/payments' },
]);

describe('loadCentralConfig', () => {
  it('reads the central environment', () => {
    expect(
      loadCentralConfig({
        ...base,
        TG_SLACK_ROUTES: routes,
        TG_SLACK_OUTBOX: 'https://sqs.eu-west-1.amazonaws.com/999988887777/outbox',
        TG_MEMBER_BUS_NAME: 'transit-guard-requests',
      }),
    ).toEqual({
      region: 'eu-west-1',
      tableName: 'transit-guard-central',
      securityHub: true,
      slack: {
        routes: [{ match: { ou: 'ou-ab12-34cd56ef', minSeverity: 'high' }, channel: 'tg/slack/payments' }],
        outboxUrl: 'https://sqs.eu-west-1.amazonaws.com/999988887777/outbox',
      },
      memberBusName: 'transit-guard-requests',
    });
    expect(loadCentralConfig({ ...base, TG_SECURITY_HUB: 'off' })).toEqual({
      region: 'eu-west-1',
      tableName: 'transit-guard-central',
      securityHub: false,
    });
  });

  it.each([
    ['no table', { TG_CENTRAL_TABLE: undefined }, /TG_CENTRAL_TABLE/],
    ['a Security Hub switch that is not on/off', { TG_SECURITY_HUB: 'yes' }, /TG_SECURITY_HUB/],
    ['routes without an outbox', { TG_SLACK_ROUTES: routes }, /set both \(Slack on\) or neither/],
    [
      'an outbox that is not a URL',
      { TG_SLACK_ROUTES: routes, TG_SLACK_OUTBOX: 'outbox' },
      /TG_SLACK_OUTBOX/,
    ],
  ])('refuses %s, naming the variable', (_what, change, message) => {
    const call = () => loadCentralConfig({ ...base, ...change });
    expect(call).toThrow(CentralConfigurationError);
    expect(call).toThrow(message);
  });

  it('exports to Security Lake only when a bucket is named, under ext/transit-guard/ unless told otherwise', () => {
    const bucket = 'aws-security-data-lake-eu-west-1-abcdef';

    expect(loadCentralConfig(base)).not.toHaveProperty('securityLake');
    expect(loadCentralConfig({ ...base, TG_SECURITY_LAKE_BUCKET: bucket }).securityLake).toEqual({
      bucket,
      prefix: 'ext/transit-guard/',
    });
    expect(
      loadCentralConfig({ ...base, TG_SECURITY_LAKE_BUCKET: bucket, TG_SECURITY_LAKE_PREFIX: 'ext/tg/1.0/' })
        .securityLake,
    ).toEqual({ bucket, prefix: 'ext/tg/1.0/' });
  });

  it.each([
    ['a bucket name S3 refuses', { TG_SECURITY_LAKE_BUCKET: 'Not_A_Bucket' }, /TG_SECURITY_LAKE_BUCKET/],
    [
      'a prefix without its final slash',
      { TG_SECURITY_LAKE_BUCKET: 'lake-bucket', TG_SECURITY_LAKE_PREFIX: 'ext/tg' },
      /TG_SECURITY_LAKE_PREFIX/,
    ],
    [
      'a prefix without a bucket',
      { TG_SECURITY_LAKE_PREFIX: 'ext/tg/' },
      /TG_SECURITY_LAKE_PREFIX: set without/,
    ],
  ])('refuses %s for Security Lake, naming the variable', (_what, change, message) => {
    expect(() => loadCentralConfig({ ...base, ...change })).toThrow(message);
  });

  it('needs the member bus name in central-action, and the Security Hub switch in central-findings', () => {
    expect(() => loadCentralConfig(base, { memberBus: true })).toThrow('TG_MEMBER_BUS_NAME: required');
    const { TG_SECURITY_HUB: _switch, ...withoutSwitch } = base;
    expect(() => loadCentralConfig(withoutSwitch, { securityHub: true })).toThrow(
      'TG_SECURITY_HUB: required',
    );
    expect(
      loadCentralConfig({ ...withoutSwitch, TG_MEMBER_BUS_NAME: 'bus' }, { memberBus: true }),
    ).toMatchObject({
      securityHub: false,
      memberBusName: 'bus',
    });
  });
});

describe('parseSlackRoutes', () => {
  it.each([
    ['not JSON', '[{', /TG_SLACK_ROUTES: not JSON/],
    ['empty', '[]', /at least one route/],
    [
      'a bad OU',
      JSON.stringify([{ match: { ou: 'team-a' }, channel: 'x' }]),
      /TG_SLACK_ROUTES\[0\.match\.ou\]/,
    ],
    [
      'a bad severity',
      JSON.stringify([{ match: { minSeverity: 'urgent' }, channel: 'x' }]),
      /\[0\.match\.minSeverity\]/,
    ],
    ['no channel', JSON.stringify([{ match: {} }]), /\[0\.channel\]/],
    ['an unknown condition', JSON.stringify([{ match: { tag: 'x' }, channel: 'x' }]), /\[0\.match\]/],
  ])('refuses routes that are %s, naming the route and field', (_what, text, message) => {
    expect(() => parseSlackRoutes(text)).toThrow(message);
  });
});
