import { resolve } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { z } from 'zod';
import { readInputFile } from '../inventory/input-file.js';
import { type Policy, policySchema } from './schema.js';
import { didYouMean } from './suggest.js';

/** The policy file the CLI (and the bundled functions) use when no other is named. */
export const DEFAULT_POLICY_FILE = 'transit-guard.policy.yml';

/** One thing wrong with a policy file: the dotted path of the field and what is wrong with it. */
export interface PolicyIssue {
  /** e.g. "rules.elbv2-listener-tls-policy.mode", "vpn.allowedDHGroups[1]"; "(root)" for the whole file. */
  path: string;
  message: string;
}

/** A policy file that cannot be read, is not YAML, or does not match the schema. */
export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(
    /** The file as the user named it. */
    readonly file: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    super(
      issues.length === 1
        ? `Invalid policy file ${file}: ${formatIssue(issues[0] as PolicyIssue)}`
        : `Invalid policy file ${file}:\n${issues.map((issue) => `  - ${formatIssue(issue)}`).join('\n')}`,
    );
  }
}

function formatIssue(issue: PolicyIssue): string {
  return `${issue.path}: ${issue.message}`;
}

type PathSegment = PropertyKey;

/** "rules.elbv2-listener-tls-policy.mode", "vpn.allowedDHGroups[1]". */
function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

function valueAt(document: unknown, path: readonly PathSegment[]): unknown {
  let value = document;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The object schema at a path of the policy, unwrapping defaults, records and arrays. */
function objectSchemaAt(path: readonly PathSegment[]): z.ZodObject | undefined {
  let schema: unknown = policySchema;
  const unwrap = () => {
    while (
      schema instanceof z.ZodDefault ||
      schema instanceof z.ZodPrefault ||
      schema instanceof z.ZodOptional
    ) {
      schema = schema.unwrap();
    }
  };
  for (const segment of path) {
    unwrap();
    if (schema instanceof z.ZodObject) schema = schema.shape[String(segment)];
    else if (schema instanceof z.ZodRecord) schema = schema.valueType;
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else return undefined;
  }
  unwrap();
  return schema instanceof z.ZodObject ? schema : undefined;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const showAllowed = (values: readonly unknown[]) => values.map((value) => String(value)).join(', ');

/** What one branch of a union wanted, in words ("an ISO date (2026-12-31)", "\"all\"", "a list"). */
function wanted(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.map((value) => show(value)).join(' or ');
    case 'invalid_type':
      return issue.expected === 'array'
        ? 'a list'
        : issue.expected === 'object'
          ? 'a mapping'
          : issue.expected;
    case 'invalid_format':
      if (issue.format === 'date') return 'an ISO date (2026-12-31)';
      if (issue.format === 'datetime') return 'an ISO date-time with offset (2026-12-31T00:00:00Z)';
      return `a ${issue.format}`;
    default:
      return issue.message;
  }
}

function describeIssue(issue: z.core.$ZodIssue, document: unknown): PolicyIssue[] {
  const path = formatPath(issue.path);
  const value = valueAt(document, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = Object.keys(objectSchemaAt(issue.path)?.shape ?? {});
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown setting${didYouMean(key, allowed)}; allowed settings: ${allowed.join(', ')}`,
      }));
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const hint =
        typeof value === 'string' || typeof value === 'number' ? didYouMean(String(value), allowed) : '';
      return [
        { path, message: `${show(value)} is not allowed${hint}; allowed values: ${showAllowed(allowed)}` },
      ];
    }
    case 'invalid_type':
      return [
        {
          path,
          message:
            value === undefined
              ? `required (${wanted(issue)})`
              : `expected ${wanted(issue)}, got ${show(value)}`,
        },
      ];
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'array'
              ? `must list at least ${issue.minimum} ${issue.minimum === 1 ? 'value' : 'values'}`
              : issue.origin === 'string'
                ? 'must not be empty'
                : `must be at least ${issue.minimum}, got ${show(value)}`,
        },
      ];
    case 'too_big':
      return [{ path, message: `must be at most ${issue.maximum}, got ${show(value)}` }];
    case 'invalid_union': {
      const options = [...new Set(issue.errors.map((branch) => (branch[0] ? wanted(branch[0]) : 'valid')))];
      return [{ path, message: `expected ${options.join(' or ')}, got ${show(value)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** Keys that name JavaScript's own object machinery: a parser or a merge may drop them or change prototypes. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every reserved key in the document, by path, at any depth. */
function reservedKeys(value: unknown, path: PathSegment[], issues: PolicyIssue[]): PolicyIssue[] {
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) reservedKeys(entry, [...path, index], issues);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) {
        issues.push({
          path: formatPath([...path, key]),
          message: `"${key}" is not allowed as a key (a reserved JavaScript name)`,
        });
      } else {
        reservedKeys((value as Record<string, unknown>)[key], [...path, key], issues);
      }
    }
  }
  return issues;
}

/** Validates an already-parsed document; throws PolicyError naming the file, every bad field and what it allows. */
export function validatePolicy(document: unknown, file: string): Policy {
  // An empty file means "all defaults", as a missing one does.
  const input = document ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new PolicyError(file, [
      { path: '(root)', message: `expected a mapping of settings, got ${show(input)}` },
    ]);
  }
  const reserved = reservedKeys(input, [], []);
  if (reserved.length > 0) throw new PolicyError(file, reserved);
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new PolicyError(
    file,
    parsed.error.issues.flatMap((issue) => describeIssue(issue, input)),
  );
}

/**
 * Parses policy YAML; syntax errors name the line and column; aliases expand at most 100 times.
 * @internal Unit-tested directly: the policy text, without a file.
 */
export function parsePolicy(text: string, file: string): Policy {
  return policyFromYamlDocument(parseDocument(text), file);
}

/**
 * A YAML document already parsed (by `parseDocument` of the yaml package) as a policy; syntax errors name the
 * line and column. For callers that load the yaml package themselves (shared/lambda/config.ts keeps it out of
 * the function bundles): this module uses the package only in `parsePolicy`.
 */
export function policyFromYamlDocument(document: Pick<Document, 'errors' | 'toJS'>, file: string): Policy {
  // The first syntax error only, on one line: the ones after it often follow from it.
  const [error, ...more] = document.errors;
  if (error) {
    const position = error.linePos?.[0];
    const after = more.length > 0 ? ` (and ${more.length} more after it)` : '';
    throw new PolicyError(file, [
      {
        path: position ? `line ${position.line}, column ${position.col}` : '(root)',
        message: `YAML syntax error: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}${after}`,
      },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = document.toJS({ maxAliasCount: 100 });
  } catch (failure) {
    // An alias bomb ("billion laughs") stops here: the yaml package refuses to expand it.
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new PolicyError(file, [{ path: '(root)', message: `YAML error: ${message.split('\n')[0] ?? ''}` }]);
  }
  return validatePolicy(parsed, file);
}

/**
 * A policy file is a few kilobytes: a larger one is refused rather than parsed (1 MiB).
 */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;

async function readPolicyFile(absolute: string, file: string): Promise<string | undefined> {
  const read = await readInputFile(absolute, { maxBytes: MAX_POLICY_FILE_BYTES });
  if ('bytes' in read) return read.bytes.toString('utf8');
  if (read.code === 'ENOENT') return undefined;
  throw new PolicyError(file, [{ path: '(root)', message: `cannot read the file: ${read.error}` }]);
}

export interface LoadPolicyOptions {
  /** Where relative paths (and the default file) are looked up; defaults to the process's. */
  cwd?: string;
}

/**
 * Loads the policy: the named file (which must exist), else ./transit-guard.policy.yml when it exists,
 * else the schema's strict defaults.
 */
export async function loadPolicy(path?: string, options: LoadPolicyOptions = {}): Promise<Policy> {
  const cwd = options.cwd ?? process.cwd();
  const file = path ?? DEFAULT_POLICY_FILE;
  const text = await readPolicyFile(resolve(cwd, file), file);
  if (text === undefined) {
    if (path !== undefined) throw new PolicyError(file, [{ path: '(root)', message: 'file not found' }]);
    return policySchema.parse({});
  }
  return parsePolicy(text, file);
}
