import { FAMILIES } from '../families/index.js';
import type { RemediationCall } from '../model/evaluation.js';
import type { WriteCommand } from './calls.js';

const keyOf = (service: string, command: string) => `${service}:${command}`;

/** A write command and the family whose client sends it. */
type FamilyCommand = WriteCommand & { family: string };

/** Every family's write commands, by service and operation. */
const COMMANDS = new Map<string, FamilyCommand>(
  FAMILIES.flatMap((family) =>
    Object.entries(family.commands).map(([name, command]) => [
      keyOf(command.service, name),
      { ...command, family: family.id },
    ]),
  ),
);

/** How a planned call is sent; undefined when no family's command table has it. */
export function commandOf(call: Pick<RemediationCall, 'service' | 'command'>): FamilyCommand | undefined {
  return COMMANDS.get(keyOf(call.service, call.command));
}
