/** JSON Schema validation for the output contracts: the vendored SARIF 2.1.0 schema and docs/report.schema.json. */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/**
 * The OASIS SARIF 2.1.0 schema (test/fixtures/schemas/README.md says where it comes from). It is written for
 * JSON Schema draft-04, which names its id `id`; ajv reads it as the later drafts it supports once that id is
 * `$id` and the draft-04 meta-schema reference is dropped (the keywords it uses mean the same in draft-07).
 */
function sarifSchema(): Record<string, unknown> {
  const {
    $schema: _draft04,
    id,
    ...schema
  } = readJson(new URL('../fixtures/schemas/sarif-schema-2.1.0.json', import.meta.url));
  return { $id: id, ...schema };
}

function compile(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

let sarif: ValidateFunction | undefined;
let report: ValidateFunction | undefined;

/** What a validator found wrong, one line per error ("" when valid): the path, then the message. */
function problems(validate: ValidateFunction, document: unknown): string {
  if (validate(document)) return '';
  return (validate.errors ?? [])
    .map(
      (error: ErrorObject) =>
        `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    )
    .join('\n');
}

/** Why a SARIF log breaks the SARIF 2.1.0 schema, or "" when it does not. */
export function sarifSchemaProblems(log: unknown): string {
  sarif ??= compile(sarifSchema());
  return problems(sarif, log);
}

/** Why a JSON report breaks docs/report.schema.json, or "" when it does not. */
export function reportSchemaProblems(document: unknown): string {
  report ??= compile(readJson(new URL('../../docs/report.schema.json', import.meta.url)));
  return problems(report, document);
}
