// GetParameter alone, not Powertools' SSMProvider: the provider brings every parameter command into the bundle
// (70 KB), which took remediate over its 1 MB bundle target.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

/**
 * The region to read a parameter in: an ARN's own region (a parameter shared through AWS RAM lives in the
 * owner's region), else the stack's.
 */
export function ssmRegionOf(parameter: string, stackRegion: string): string {
  return parameter.startsWith('arn:') ? parameter.split(':')[3] || stackRegion : stackRegion;
}

/** The emergency switch's two values; the stack creates the parameter `enabled` (infra/state.yml). */
type RemediationSwitchState = 'enabled' | 'disabled';

/** How long a read of the switch is reused: `disabled` stops every remediate function within a minute. */
const SWITCH_MAX_AGE_SECONDS = 60;

/**
 * The switch could not be read or holds something else than `enabled`/`disabled`: nothing is done (fail closed).
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class RemediationSwitchError extends Error {
  override name = 'RemediationSwitchError';
}

/** Reads the switch (cached for SWITCH_MAX_AGE_SECONDS); throws RemediationSwitchError rather than guess. */
export type RemediationSwitch = () => Promise<RemediationSwitchState>;

/**
 * The emergency switch that stops all remediation at once: an SSM parameter (TG_REMEDIATION_SWITCH) the remediate
 * function reads before each action. `disabled` skips every action; a parameter that is not configured, cannot be
 * read or holds another value stops the action with an error, so SQS delivers it again later (fail closed).
 */
export function createRemediationSwitch(
  parameterName: string | undefined,
  client: SSMClient,
): RemediationSwitch {
  let cached: { value: unknown; readAt: number } | undefined;
  return async () => {
    if (!parameterName) {
      throw new RemediationSwitchError(
        'TG_REMEDIATION_SWITCH is not set: without its emergency switch the remediate function does not act',
      );
    }
    if (!cached || Date.now() - cached.readAt > SWITCH_MAX_AGE_SECONDS * 1000) {
      try {
        const read = await client.send(new GetParameterCommand({ Name: parameterName }));
        cached = { value: read.Parameter?.Value, readAt: Date.now() };
      } catch (error) {
        const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new RemediationSwitchError(
          `cannot read the remediation switch ${parameterName} (${cause}); not acting until it can be read`,
          { cause: error },
        );
      }
    }
    const { value } = cached;
    if (value === 'enabled' || value === 'disabled') return value;
    throw new RemediationSwitchError(
      `the remediation switch ${parameterName} holds ${JSON.stringify(value) ?? 'nothing'}, not "enabled" or "disabled"; not acting`,
    );
  };
}
