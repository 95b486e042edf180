import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRemediationSwitch,
  RemediationSwitchError,
} from '../../../shared/lambda/remediation-switch.js';

const ssm = mockClient(SSMClient);
const PARAMETER = '/transit-guard/dev/remediation';
const client = () =>
  new SSMClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
const answer = (value: string | undefined) =>
  ssm.on(GetParameterCommand).resolves({ Parameter: { Name: PARAMETER, Type: 'String', Value: value } });

async function refusal(promise: Promise<unknown>): Promise<RemediationSwitchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RemediationSwitchError);
  return error as RemediationSwitchError;
}

afterEach(() => {
  ssm.reset();
  vi.useRealTimers();
});

describe('createRemediationSwitch', () => {
  it.each(['enabled', 'disabled'] as const)('reads %s from the parameter', async (value) => {
    // Prepare
    answer(value);

    // Act
    const state = await createRemediationSwitch(PARAMETER, client())();

    // Assess
    expect(state).toBe(value);
    expect(ssm).toReceiveCommandWith(GetParameterCommand, { Name: PARAMETER });
  });

  it.each([
    ['another word', 'off', '"off"'],
    ['a value in capitals', 'DISABLED', '"DISABLED"'],
    ['an empty value', '', '""'],
    ['no value', undefined, 'nothing'],
  ])('fails closed on %s, naming the parameter and what it holds', async (_case, value, shown) => {
    // Prepare
    answer(value);

    // Act
    const error = await refusal(createRemediationSwitch(PARAMETER, client())());

    // Assess
    expect(error.name).toBe('RemediationSwitchError');
    expect(error.message).toBe(
      `the remediation switch ${PARAMETER} holds ${shown}, not "enabled" or "disabled"; not acting`,
    );
  });

  it('fails closed when the parameter cannot be read, naming it and the cause', async () => {
    // Prepare
    ssm.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));

    // Act
    const error = await refusal(createRemediationSwitch(PARAMETER, client())());

    // Assess
    expect(error.message).toMatch(
      new RegExp(
        `^cannot read the remediation switch ${PARAMETER} \\(\\w+: .*not found.*\\); not acting until it can be read$`,
      ),
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('fails closed without reading anything when no parameter is configured', async () => {
    // Act
    const error = await refusal(createRemediationSwitch(undefined, client())());

    // Assess
    expect(error.message).toBe(
      'TG_REMEDIATION_SWITCH is not set: without its emergency switch the remediate function does not act',
    );
    expect(ssm).not.toReceiveCommand(GetParameterCommand);
  });

  it('reads the parameter at most once a minute', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
    answer('enabled');
    const read = createRemediationSwitch(PARAMETER, client());

    // Act
    await read();
    answer('disabled');
    vi.setSystemTime(new Date('2026-11-22T10:00:59Z'));
    const cached = await read();
    vi.setSystemTime(new Date('2026-11-22T10:01:01Z'));
    const fresh = await read();

    // Assess
    expect(cached).toBe('enabled');
    expect(fresh).toBe('disabled');
    expect(ssm).toReceiveCommandTimes(GetParameterCommand, 2);
  });

  it('reuses a read for exactly 60 seconds, and reads again a millisecond later', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T10:00:00.000Z'));
    answer('enabled');
    const read = createRemediationSwitch(PARAMETER, client());
    await read();
    answer('disabled');

    // Act
    vi.setSystemTime(new Date('2026-11-22T10:01:00.000Z'));
    const atLimit = await read();
    vi.setSystemTime(new Date('2026-11-22T10:01:00.001Z'));
    const after = await read();

    // Assess
    expect([atLimit, after]).toEqual(['enabled', 'disabled']);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    // Prepare
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({
        Parameter: { Name: PARAMETER, Type: 'String', Value: 'enabled' },
      });
    const read = createRemediationSwitch(PARAMETER, client());
    await refusal(read());

    // Act
    const state = await read();

    // Assess
    expect(state).toBe('enabled');
    expect(ssm).toReceiveCommandTimes(GetParameterCommand, 2);
  });
});
