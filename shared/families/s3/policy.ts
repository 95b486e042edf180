/**
 * What a bucket policy actually denies over plaintext, and the splice that adds the one Deny statement the
 * remediator writes. Grammar: IAM JSON policy reference
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): Statement is one object or
 * a list; Principal, Action and Resource a string or a list; condition key names are not case-sensitive
 * (reference_policies_elements_condition.html) and Bool takes "true" / "false" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean);
 * action names are not case-sensitive (reference_policies_elements_action.html). aws:SecureTransport is the
 * global key for TLS (reference_policies_condition-keys.html#condition-keys-securetransport).
 */
import { isObject, type JsonObject } from '../../inventory/fields.js';

/** The Sid of the statement the remediator adds; a second run finds it and changes nothing. */
export const DENY_SID = 'TransitGuardDenyInsecureTransport';

/** S3's bucket policy size limit, "Bucket policies are limited to 20 KB in size" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html). */
const POLICY_LIMIT_BYTES = 20 * 1024;

export type Judgement =
  | { kind: 'unparseable'; error: string }
  | { kind: 'denies'; sids: string[] }
  /** No statement denies plaintext for all of principals, actions and resources: `missing` says what is left out. */
  | { kind: 'partial'; missing: string; sid?: string }
  | { kind: 'none' };

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** The statements of a parsed policy; a string naming the fault when the document is not one. */
export function statementsOf(text: string): JsonObject[] | string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return `the policy is not valid JSON (${(error as Error).message})`;
  }
  if (!isObject(document)) return 'the policy is not a JSON object';
  const statements = list(document.Statement);
  if (statements.length === 0) return 'the policy has no Statement';
  if (!statements.every(isObject)) return 'a Statement entry is not an object';
  return statements as JsonObject[];
}

const SECURE_TRANSPORT = 'aws:securetransport';
const BOOL_OPERATORS = ['Bool', 'BoolIfExists'];

/** A Deny statement's faults for denying every plaintext request to the bucket and its objects. */
interface Candidate {
  sid?: string;
  faults: string[];
  bucket: boolean;
  objects: boolean;
}

function conditionFaults(condition: unknown): string[] | undefined {
  if (!isObject(condition)) return undefined;
  let secure: unknown[] | undefined;
  let operatorUsed = '';
  const others: string[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    if (!isObject(keys)) {
      others.push(operator);
      continue;
    }
    for (const [key, value] of Object.entries(keys)) {
      if (key.toLowerCase() === SECURE_TRANSPORT && secure === undefined) {
        secure = list(value);
        operatorUsed = operator;
      } else others.push(`${operator} ${key}`);
    }
  }
  if (secure === undefined) return undefined;
  const faults: string[] = [];
  if (!BOOL_OPERATORS.includes(operatorUsed)) {
    faults.push(`its aws:SecureTransport condition uses ${operatorUsed}, not Bool or BoolIfExists`);
  } else if (!secure.some((value) => value === 'false' || value === false)) {
    // Only the spellings AWS documents count ("false" or JSON false). The condition operators page says how case is
    // compared for the String operators only (StringEquals exact, StringEqualsIgnoreCase not) and nothing of the
    // kind for Bool (reference_policies_elements_condition_operators.html#Conditions_Boolean, checked again): "FALSE"
    // may well work, but unconfirmed is not a pass.
    const other = secure.some((value) => String(value).toLowerCase() === 'false');
    faults.push(
      other
        ? `its aws:SecureTransport value is spelled ${secure.map((value) => JSON.stringify(value)).join(', ')}, not "false" as AWS documents it`
        : `it denies when aws:SecureTransport is ${secure.map((value) => JSON.stringify(value)).join(', ')} (requests over TLS), not "false"`,
    );
  }
  if (others.length > 0) {
    faults.push(`it also requires ${others.join(', ')}, so it denies plaintext only when that holds too`);
  }
  return faults;
}

function principalFault(statement: JsonObject): string | undefined {
  if (statement.NotPrincipal !== undefined) return 'it uses NotPrincipal, which leaves some principals out';
  const principal = statement.Principal;
  if (principal === '*') return undefined;
  if (isObject(principal) && list(principal.AWS).includes('*')) return undefined;
  return `it covers only the principals ${JSON.stringify(principal ?? null)}, not every principal ("*")`;
}

function actionFault(statement: JsonObject): string | undefined {
  // Kept strict: a NotAction Deny covers "everything but" its list, and judging whether that list leaves out
  // an action plaintext matters for is not done here.
  if (statement.NotAction !== undefined) return 'it uses NotAction, which leaves some actions out';
  const actions = list(statement.Action).map((action) => String(action).toLowerCase());
  if (actions.includes('s3:*') || actions.includes('*')) return undefined;
  return `it covers only the actions ${list(statement.Action).join(', ') || '(none)'}, not every action ("s3:*")`;
}

/** A Resource pattern (IAM wildcards * and ?) as a regular expression. */
function globOf(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Whether the patterns cover the bucket ARN itself and every object ARN under it (<arn>/<key>). */
function resourceCoverage(patterns: readonly string[], arn: string) {
  const bucket = patterns.some((pattern) => globOf(pattern).test(arn));
  // Every key: a pattern ending in * whose fixed prefix the object ARNs all start with.
  const objects = patterns.some((pattern) => {
    if (!pattern.endsWith('*')) return false;
    const prefix = pattern.slice(0, -1);
    return !/[*?]/.test(prefix) ? `${arn}/`.startsWith(prefix) : false;
  });
  return { bucket, objects };
}

function candidateOf(statement: JsonObject, arn: string): Candidate | undefined {
  if (statement.Effect !== 'Deny') return undefined;
  const condition = conditionFaults(statement.Condition);
  if (condition === undefined) return undefined;
  const faults = [...condition];
  const principal = principalFault(statement);
  if (principal) faults.push(principal);
  const action = actionFault(statement);
  if (action) faults.push(action);
  let coverage = { bucket: false, objects: false };
  if (statement.NotResource !== undefined)
    faults.push('it uses NotResource, which leaves some resources out');
  else coverage = resourceCoverage(list(statement.Resource).map(String), arn);
  return {
    ...(typeof statement.Sid === 'string' && statement.Sid !== '' ? { sid: statement.Sid } : {}),
    faults,
    ...coverage,
  };
}

/**
 * What the policy denies when aws:SecureTransport is false, for the bucket `arn`: every principal, every
 * action, on the bucket and its objects (several statements may share the two resources between them).
 */
export function judgePolicy(text: string, arn: string): Judgement {
  const statements = statementsOf(text);
  if (typeof statements === 'string') return { kind: 'unparseable', error: statements };
  const candidates = statements
    .map((statement) => candidateOf(statement, arn))
    .filter((candidate): candidate is Candidate => candidate !== undefined);
  if (candidates.length === 0) return { kind: 'none' };
  const whole = candidates.filter((candidate) => candidate.faults.length === 0);
  const bucket = whole.some((candidate) => candidate.bucket);
  const objects = whole.some((candidate) => candidate.objects);
  if (bucket && objects) {
    return { kind: 'denies', sids: whole.flatMap((candidate) => (candidate.sid ? [candidate.sid] : [])) };
  }
  if (bucket || objects) {
    const [first] = whole.filter((candidate) => candidate.bucket || candidate.objects);
    const missing = bucket
      ? `it covers the bucket (${arn}) but not its objects (${arn}/*): object requests over plaintext are not denied`
      : `it covers only the objects (${arn}/*), not the bucket itself (${arn}): bucket requests over plaintext are not denied`;
    return { kind: 'partial', missing, ...(first?.sid ? { sid: first.sid } : {}) };
  }
  const ranked = [...candidates].sort((a, b) => a.faults.length - b.faults.length);
  const best = ranked[0] as Candidate;
  const faults =
    best.faults.length > 0
      ? best.faults
      : [`it covers neither the bucket (${arn}) nor its objects (${arn}/*)`];
  return { kind: 'partial', missing: faults.join('; '), ...(best.sid ? { sid: best.sid } : {}) };
}

/** The Deny statement the remediator adds, as compact JSON text. */
function denyStatement(arn: string): string {
  return JSON.stringify({
    Sid: DENY_SID,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/** Where a JSON value starting at `start` ends (the index after it), skipping strings. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      index = stringEnd(text, index) - 1;
      if (depth === 0) return index + 1;
    } else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}

/** The index after the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index + 1;
  }
  return text.length;
}

/** Where the top-level "Statement" value starts and ends in the policy text. */
function statementSpan(text: string): { start: number; end: number } | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      const end = stringEnd(text, index);
      if (depth === 1 && text.slice(index, end) === '"Statement"') {
        const colon = text.indexOf(':', end);
        let start = colon + 1;
        while (/\s/.test(text[start] ?? '')) start += 1;
        return { start, end: valueEnd(text, start) };
      }
      index = end - 1;
    } else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
  }
  return undefined;
}

export type Splice = { kind: 'policy'; text: string } | { kind: 'refused'; reason: string };

/**
 * The policy with the Deny statement added and every other byte kept: inserted before the closing bracket of
 * the Statement list (a single Statement object is wrapped in a list, its own text untouched); a new policy
 * when there is none. Refused when the result would exceed S3's 20 KB, or the Sid is taken.
 */
export function addDenyStatement(existing: string | null, arn: string): Splice {
  const statement = denyStatement(arn);
  let text: string;
  if (existing === null) {
    text = `{"Version":"2012-10-17","Statement":[${statement}]}`;
  } else {
    const statements = statementsOf(existing);
    if (typeof statements === 'string')
      return { kind: 'refused', reason: `${statements}: it is not changed` };
    if (statements.some((entry) => entry.Sid === DENY_SID)) {
      return {
        kind: 'refused',
        reason: `the policy already has a statement with Sid ${DENY_SID} that does not deny plaintext; statement ids must be unique, so it is left to a person`,
      };
    }
    const span = statementSpan(existing);
    if (!span) return { kind: 'refused', reason: 'the policy text has no top-level "Statement" key' };
    if (existing[span.start] === '[') {
      const close = span.end - 1;
      const empty = existing.slice(span.start + 1, close).trim() === '';
      text = `${existing.slice(0, close)}${empty ? '' : ','}${statement}${existing.slice(close)}`;
    } else {
      // One statement object: `[` before it and `,<deny>]` after it; its own bytes stay as they are.
      text = `${existing.slice(0, span.start)}[${existing.slice(span.start, span.end)},${statement}]${existing.slice(span.end)}`;
    }
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > POLICY_LIMIT_BYTES) {
    return {
      kind: 'refused',
      reason: `the policy with the Deny statement would be ${bytes} bytes, over S3's bucket policy limit of 20 KB (${POLICY_LIMIT_BYTES} bytes)`,
    };
  }
  return { kind: 'policy', text };
}
