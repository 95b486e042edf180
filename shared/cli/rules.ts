import { parseArgs } from 'node:util';
import type { AnyRule } from '../rules/rule.js';
import { availableModes } from '../usecase/check-policy.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { parseFormat } from './options.js';

const RULES_OPTIONS = {
  format: { type: 'string', default: 'table' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** "AWS::ElasticLoadBalancingV2::Listener" -> "ElasticLoadBalancingV2::Listener": the AWS:: prefix says nothing. */
const shortType = (type: string) => type.replace(/^AWS::/, '');

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
    rule.metadata.resourceTypes.map(shortType).join(', '),
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

export async function runRules(
  args: string[],
  io: CliIo,
  rules: readonly AnyRule[],
): Promise<ExitCode | 'help'> {
  const { values } = parseArgs({ args, options: RULES_OPTIONS, allowPositionals: false });
  if (values.help) return 'help';
  const format = parseFormat(values.format, ['table', 'json'] as const);
  io.stdout.write(format === 'json' ? renderRulesJson(rules) : renderRulesTable(rules));
  return EXIT.ok;
}
