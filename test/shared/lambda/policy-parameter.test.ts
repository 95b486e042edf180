import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPolicyParameter,
  type PolicyParameterReport,
  policyFromLayers,
} from '../../../shared/lambda/policy-parameter.js';
import { PolicyError } from '../../../shared/policy/load.js';
import { policySchema } from '../../../shared/policy/schema.js';

const ssm = mockClient(SSMClient);
/** The central parameter, shared from the security account (444455556666) through AWS RAM: read by its ARN. */
const PARAMETER = 'arn:aws:ssm:eu-west-1:444455556666:parameter/transit-guard/policy';
const ACCOUNT = '111122223333';
const OU = 'ou-ab12-cd34ef56';
const client = () =>
  new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
const packaged = policySchema.parse({ dryRun: true });

function version(number: number, document: unknown) {
  ssm.on(GetParameterCommand).resolves({
    Parameter: {
      Name: PARAMETER,
      Type: 'String',
      Value: typeof document === 'string' ? document : JSON.stringify(document),
      Version: number,
    },
  });
}

let clock: number;
let report: { [K in keyof PolicyParameterReport]: ReturnType<typeof vi.fn> };
const source = (extra: { dryRun?: boolean } = {}) =>
  createPolicyParameter(
    {
      parameter: PARAMETER,
      client: client(),
      fallback: packaged,
      accountId: ACCOUNT,
      organizationalUnit: OU,
      now: () => clock,
      ...extra,
    },
    report as unknown as PolicyParameterReport,
  );

beforeEach(() => {
  clock = Date.parse('2026-12-07T12:00:00Z');
  report = { invalid: vi.fn(), unreadable: vi.fn(), adopted: vi.fn() };
});
afterEach(() => ssm.reset());

describe('policyFromLayers', () => {
  const layers = {
    base: {
      dryRun: false,
      rules: { 'elbv2-listener-tls-policy': { mode: 'notify' } },
      exemptions: [
        {
          resource: 'arn:aws:acm:eu-west-1:111122223333:certificate/a',
          rules: 'all',
          reason: 'base',
          expires: '2099-01-01',
        },
      ],
    },
    organizationalUnits: {
      [OU]: { rules: { 'elbv2-listener-tls-policy': { mode: 'remediate' } } },
      'ou-ab12-zzzzzzzz': { dryRun: true },
    },
    accounts: { [ACCOUNT]: { exemptions: [] }, '999988887777': { dryRun: true } },
  };

  it('merges base, then the stack OU layer, then the account layer: mappings key by key, lists replaced whole', () => {
    const policy = policyFromLayers(JSON.stringify(layers), PARAMETER, {
      accountId: ACCOUNT,
      organizationalUnit: OU,
    });

    expect(policy.rules['elbv2-listener-tls-policy']?.mode).toBe('remediate');
    expect(policy.dryRun).toBe(false);
    expect(policy.exemptions.resources).toEqual([]);
  });

  it('another account and OU get only the base', () => {
    const policy = policyFromLayers(JSON.stringify(layers), PARAMETER, { accountId: '123456789012' });

    expect(policy.rules['elbv2-listener-tls-policy']?.mode).toBe('notify');
    expect(policy.exemptions.resources).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"base": ', /\(root\): not JSON/],
    ['no base', JSON.stringify({ accounts: {} }), /base: expected a mapping/],
    ['an unknown layer', JSON.stringify({ base: {}, regions: {} }), /regions: unknown layer/],
    [
      'an invalid merged field',
      JSON.stringify({
        base: {},
        accounts: { [ACCOUNT]: { rules: { 'elbv2-listener-tls-policy': { mode: 'loud' } } } },
      }),
      /rules\.elbv2-listener-tls-policy\.mode/,
    ],
  ])('rejects %s, naming the parameter and the field', (_case, text, message) => {
    const act = () => policyFromLayers(text, `${PARAMETER} version 3`, { accountId: ACCOUNT });

    expect(act).toThrow(PolicyError);
    expect(act).toThrow(message);
    expect(act).toThrow(`${PARAMETER} version 3`);
  });
});

describe('createPolicyParameter', () => {
  it('reads the shared parameter by its ARN and uses its policy', async () => {
    version(1, { base: { dryRun: false } });

    const policy = await source()();

    expect(policy.dryRun).toBe(false);
    expect(ssm).toReceiveCommandWith(GetParameterCommand, { Name: PARAMETER });
    expect(report.adopted).toHaveBeenCalledWith(1);
  });

  it('a change takes effect within 5 minutes: reads are cached 2 minutes, then read again', async () => {
    version(1, { base: { dryRun: false } });
    const read = source();
    await read();

    version(2, { base: { dryRun: true } });
    clock += 119_000;
    expect((await read()).dryRun).toBe(false);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);

    clock += 2_000;
    expect((await read()).dryRun).toBe(true);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
  });

  it('an invalid version keeps the last good policy and is reported once, not on every read', async () => {
    version(1, { base: { rules: { 'elbv2-listener-tls-policy': { mode: 'remediate' } } } });
    const read = source();
    await read();

    version(2, { base: { rules: { 'elbv2-listener-tls-policy': { mode: 'loud' } } } });
    for (let minute = 0; minute < 10; minute++) {
      clock += 121_000;
      expect((await read()).rules['elbv2-listener-tls-policy']?.mode).toBe('remediate');
    }

    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(11);
    expect(report.invalid).toHaveBeenCalledTimes(1);
    expect(report.invalid).toHaveBeenCalledWith(
      2,
      expect.stringContaining('rules.elbv2-listener-tls-policy.mode'),
    );

    // A fixed version is adopted; a new bad version is reported again.
    version(3, { base: { dryRun: false } });
    clock += 121_000;
    expect((await read()).dryRun).toBe(false);
    version(4, '{"base": {');
    clock += 121_000;
    expect((await read()).dryRun).toBe(false);
    expect(report.invalid).toHaveBeenCalledTimes(2);
  });

  it('with no good version yet, the packaged policy is the last good one', async () => {
    version(1, { base: [] });

    const policy = await source()();

    expect(policy).toEqual(packaged);
    expect(report.invalid).toHaveBeenCalledTimes(1);
  });

  it('an unreadable parameter keeps the last good policy and is reported', async () => {
    version(1, { base: { dryRun: false } });
    const read = source();
    await read();

    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    clock += 121_000;

    expect((await read()).dryRun).toBe(false);
    expect(report.unreadable).toHaveBeenCalledWith(
      expect.stringContaining(`${PARAMETER} (AccessDeniedException`),
    );
  });

  it('the deploy-time TG_DRY_RUN still overrides the parameter policy', async () => {
    version(1, { base: { dryRun: false } });

    expect((await source({ dryRun: true })()).dryRun).toBe(true);
  });
});
