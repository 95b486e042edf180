import { FAMILIES } from '../families/index.js';
import type { RemediationCall } from '../model/evaluation.js';
import type { WriteCommand } from './calls.js';

const keyOf = (service: string, command: string) => `${service}:${command}`;

/** Every family's write commands, by service and operation. */
const COMMANDS = new Map<string, WriteCommand>(
  FAMILIES.flatMap((family) =>
    Object.entries(family.commands).map(([name, command]) => [keyOf(command.service, name), command]),
  ),
);

/** How a planned call is sent; undefined when no family's command table has it. */
export function commandOf(call: Pick<RemediationCall, 'service' | 'command'>): WriteCommand | undefined {
  return COMMANDS.get(keyOf(call.service, call.command));
}
