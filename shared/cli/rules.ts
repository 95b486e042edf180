import { Command } from 'commander';
import type { AnyRule } from '../rules/rule.js';
import { availableModes } from '../usecase/check-policy.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { parseFormat } from './options.js';

/** "AWS::ElasticLoadBalancingV2::Listener" -> "ElasticLoadBalancingV2::Listener": the AWS:: prefix says nothing. */
const shortType = (type: string) => type.replace(/^AWS::/, '');

/**
 * The resource types of a rule in one table cell: up to three by name, more as their common prefix and a count
 * ("DataSync::Location* (11 types)"), so that one rule of many types does not widen the table for every row;
 * `rules --format json` lists them all.
 */
function typesLabel(types: readonly string[]): string {
  const short = types.map(shortType);
  if (short.length <= 3) return short.join(', ');
  let prefix = short[0] ?? '';
  for (const type of short) while (!type.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return `${prefix}* (${short.length} types)`;
}

/** "off, notify, remediate*, block": the modes a rule can carry out, its default starred. */
function modesLabel(rule: AnyRule): string {
  return availableModes(rule)
    .map((mode) => (mode === rule.metadata.defaultMode ? `${mode}*` : mode))
    .join(', ');
}

/** Under the table: what the star means, and that remediation is never a default. */
const RULES_FOOTER =
  '* default mode. Every rule defaults to notify: remediate and block are opt-in per rule in the policy file ' +
  '(rules: <rule-id>: mode: remediate) and act only with dry run off.';

function renderRulesTable(rules: readonly AnyRule[]): string {
  const header = ['ID', 'SEVERITY', 'RESOURCE TYPE', 'MODES (* default)', 'TITLE'];
  const rows = rules.map((rule) => [
    rule.metadata.id,
    rule.metadata.severity,
    typesLabel(rule.metadata.resourceTypes),
    modesLabel(rule),
    rule.metadata.title,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${RULES_FOOTER}\n`;
}

function renderRulesJson(rules: readonly AnyRule[]): string {
  const catalog = rules.map((rule) => ({ ...rule.metadata, modes: availableModes(rule) }));
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

export function rulesCommand(
  run: (action: () => Promise<ExitCode>) => void,
  io: CliIo,
  rules: readonly AnyRule[],
): Command {
  return new Command('rules')
    .summary('the rule catalog: id, severity, resource type, modes, title')
    .description(
      'Prints the rule catalog: id, severity, resource type, the modes each rule can carry out, title.',
    )
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  transit-guard rules\n  transit-guard rules --format json\n')
    .action((flags: { format: string }) =>
      run(async () => {
        const format = parseFormat(flags.format, ['table', 'json'] as const);
        io.stdout.write(format === 'json' ? renderRulesJson(rules) : renderRulesTable(rules));
        return EXIT.ok;
      }),
    );
}
