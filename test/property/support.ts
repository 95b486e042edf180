/**
 * Shared pieces of the property-based tests: the seed (fixed, overridable with FC_SEED), the number of
 * generated cases per suite (the total is the figure docs/evidence.md quotes), and arbitraries that
 * take a well-formed AWS document and break it the ways real inputs break: a field deleted, a value of
 * another type, a string, number, null or array injected at any path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';

/** The seed every property suite uses unless FC_SEED says otherwise; fast-check prints it on failure. */
export const DEFAULT_SEED = 20_261_122;

export function propertySeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.FC_SEED?.trim();
  if (text === undefined || text === '') return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${text}"`);
  return seed;
}

/** Generated cases per suite; each suite asserts it ran exactly this many. */
export const RUNS = {
  /** Mutated EventBridge events (CloudTrail, ACM, Config) through routeEvent. */
  routedEvents: 4_500,
  /** Arbitrary JSON (no fixture) through routeEvent. */
  arbitraryEvents: 1_000,
  /** Mutated custom Config rule invocations (outer fields and the invokingEvent inside) through parseConfigRuleInvocation. */
  configRuleInvocations: 1_500,
  /** Mutated `evaluate` inputs through normalizeDocument + evaluateAll. */
  inputs: 2_600,
  /** Arbitrary JSON through normalizeDocument + evaluateAll. */
  arbitraryInputs: 400,
  /** Weak inputs weakened further (case, whitespace, unknown values, missing fields): none may pass. */
  weakenedInputs: 2_000,
  /** Mutated CloudTrail events through the on-api-call Lambda handler with mocked AWS clients. */
  handler: 1_000,
} as const;

export const TOTAL_RUNS = Object.values(RUNS).reduce((sum, runs) => sum + runs, 0);

/** fast-check parameters: the seed and an explicit number of runs. */
export function parameters<T>(numRuns: number): fc.Parameters<T> {
  return { seed: propertySeed(), numRuns };
}

// ------------------------------------------------------------------------------------------ fixtures

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every *.json file of a fixture folder, parsed, by file name; `except` names files that are not JSON on purpose. */
export function loadJsonFixtures(folder: URL, except: readonly string[] = []): Map<string, Json> {
  const files = readdirSync(folder).filter((name) => name.endsWith('.json') && !except.includes(name));
  return new Map(
    files.sort().map((name) => [name, JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as Json]),
  );
}

// ---------------------------------------------------------------------------------------- mutations

type Path = (string | number)[];

/** Every path of a JSON value, the root ([]) included. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push(...pathsOf(item, [...prefix, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

/** Strings that steer a mutation into the code paths routing cares about. */
const MEANINGFUL_STRINGS = [
  '',
  ' ',
  'null',
  '{}',
  '[]',
  '{"truncated": ',
  '__proto__',
  'constructor',
  'HIDDEN_DUE_TO_SECURITY_REASONS',
  'AWS API Call via CloudTrail',
  'Config Configuration Item Change',
  'ACM Certificate Expired',
  'ACM Certificate Available',
  'Scheduled Event',
  'aws.elasticloadbalancing',
  'aws.ec2',
  'aws.directconnect',
  'aws.acm',
  'aws.config',
  'aws.s3',
  '2012-06-01',
  '2015-12-01',
  'CreateListener',
  'ModifyListener',
  'CreateRule',
  'SetRulePriorities',
  'CreateLoadBalancer',
  'ModifyVpnTunnelOptions',
  'CreateVpnConnection',
  'AssociateMacSecKey',
  'AssociateConnectionWithLag',
  'DeleteCertificate',
  'ImportCertificate',
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
  'ScheduledNotification',
  'ResourceDeleted',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::EC2::VPNConnection',
  'AWS::ACM::Certificate',
  'AWS::EC2::SecurityGroup',
  'AssumedRole',
  'arn:aws:elasticloadbalancing:eu-west-1:999988887777:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2',
  'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
  'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
  'arn:aws:acm:eu-west-1:111122223333:certificate/',
  'arn:aws:acm:eu-west-1:111122223333:certificate/9f3c0e1a-7b2d-4c5e-8f6a-1b2c3d4e5f60',
  'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-k3x9pq',
  'arn:aws',
  'vpn-',
  'vpn-0c7d8e9f0a1b2c3d4',
  'dxcon-',
  'dxcon-fgq9rgot',
  'dxlag-ffjhr8am',
  'TLS',
  'HTTP',
  'HTTPS',
  'SSL',
  'TCP',
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'no-such-policy',
  'ikev1',
  'AES128',
  'SHA1',
  'RSA_1024',
  'EC_prime256v1',
  'PRIVATE',
  'IMPORTED',
  'AMAZON_ISSUED',
  'ISSUED',
  'EXPIRED',
  'PENDING_AUTO_RENEWAL',
  'must_encrypt',
  'should_encrypt',
  'no_encrypt',
  'available',
  'deleted',
  'UP',
  'DOWN',
  '2026-02-30T25:61:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31',
  'not a date',
  '1773656525004',
];

/**
 * Objects JSON.parse happily returns that trip code which treats input as a plain record: own
 * `__proto__`, `toString` or `valueOf` keys (String() or Number() of them throws).
 */
const HOSTILE_OBJECTS: Json[] = [
  JSON.parse('{"__proto__": {"polluted": true}}') as Json,
  { toString: 'x' },
  { valueOf: null, toString: null },
  { constructor: 1, hasOwnProperty: 'no' },
];

/** A JSON value of any type, biased towards the values that make routing and normalizing branch. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_OBJECTS) },
  { weight: 4, arbitrary: fc.constantFrom(...MEANINGFUL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -1, 1, 443, 65536, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [null], [''], [{}], { '': null }) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
      {
        maxKeys: 3,
      },
    ),
  },
);

type MutationKind = 'delete' | 'replace' | 'retype' | 'inject' | 'empty';

interface Mutation {
  kind: MutationKind;
  /** Index into the paths of the document (taken modulo their number). */
  at: number;
  value: Json;
  key: string;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>('delete', 'replace', 'retype', 'inject', 'empty'),
  at: fc.nat(),
  value: hostileValue,
  key: fc.oneof(fc.constantFrom(...MEANINGFUL_STRINGS), fc.string({ maxLength: 10 })),
});

/** The same value as another JSON type: "443" for 443, [x] for x, {value: x} ... */
function retyped(value: unknown, hint: Json): unknown {
  if (typeof value === 'string')
    return value === '' ? 0 : Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return hint === null ? {} : hint;
  if (Array.isArray(value)) return value.length > 0 ? value[0] : {};
  return [value];
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function parentOf(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path.slice(0, -1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Applies one mutation in place; returns the new root (a root replacement returns the new value). */
function applyMutation(root: unknown, change: Mutation): unknown {
  // A fresh copy of the value: generated constants are shared between runs and must stay as they are.
  const mutation = { ...change, value: JSON.parse(JSON.stringify(change.value)) as Json };
  const paths = pathsOf(root);
  const path = paths[mutation.at % paths.length] as Path;
  const current = path.length === 0 ? root : parentOf(root, path);
  if (path.length === 0) {
    switch (mutation.kind) {
      case 'delete':
        return undefined;
      case 'replace':
        return mutation.value;
      case 'retype':
        return retyped(root, mutation.value);
      case 'empty':
        return Array.isArray(root) ? [] : typeof root === 'object' && root !== null ? {} : '';
      case 'inject':
        if (Array.isArray(root)) root.push(mutation.value);
        else if (root !== null && typeof root === 'object') setOwn(root, mutation.key, mutation.value);
        return root;
    }
  }
  if (current === null || typeof current !== 'object') return root;
  const parent = current as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const value = parent[key];
  switch (mutation.kind) {
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else Reflect.deleteProperty(parent, key);
      break;
    case 'replace':
      setOwn(parent, key, mutation.value);
      break;
    case 'retype':
      setOwn(parent, key, retyped(value, mutation.value));
      break;
    case 'empty':
      setOwn(parent, key, Array.isArray(value) ? [] : typeof value === 'object' && value !== null ? {} : '');
      break;
    case 'inject':
      if (Array.isArray(value)) value.push(mutation.value);
      else if (value !== null && typeof value === 'object') setOwn(value, mutation.key, mutation.value);
      else setOwn(parent, key, mutation.value);
      break;
  }
  return root;
}

/**
 * A copy of `document` with one to `max` mutations applied, each at a path of the (mutated) document.
 * The result goes through JSON once more, so it is exactly what JSON.parse could hand the product.
 */
export function mutated(document: Json, max = 3): fc.Arbitrary<unknown> {
  return fc.array(mutationArbitrary, { minLength: 1, maxLength: max }).map((mutations) => {
    let value: unknown = structuredClone(document);
    for (const mutation of mutations) value = applyMutation(value, mutation);
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  });
}

/** One fixture, by name, mutated; the name travels along so a counterexample says where it came from. */
export function mutatedFixture(
  fixtures: ReadonlyMap<string, Json>,
  max = 3,
): fc.Arbitrary<{ fixture: string; value: unknown }> {
  const names = [...fixtures.keys()];
  return fc
    .constantFrom(...names)
    .chain((fixture) => mutated(fixtures.get(fixture) as Json, max).map((value) => ({ fixture, value })));
}

// ------------------------------------------------------------------------------------------ errors

/** "detail.requestParameters.listeners[0].listenerArn: ...", "(event): ...", "invokingEvent: ...". */
const FIELD_PATH = /^(?:\(event\)|[A-Za-z][\w-]*(?:\.[\w$-]+|\[\d+\])*): \S/;

/** True when every problem of an EventValidationError message starts with the path of a field. */
export function namesFieldPath(message: string): boolean {
  const withoutEventId = message.replace(/ \(event [^)]*\)$/, '');
  return FIELD_PATH.test(withoutEventId);
}
