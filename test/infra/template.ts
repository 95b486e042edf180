/**
 * The packaged stack, for the deployment tests. `ensurePackaged()` runs `npm run package` (scripts/package.mjs)
 * once, and only when .serverless/ is missing or older than the sources it is built from; test files that run
 * in parallel share one packaging run through a lock directory. Call it from a beforeAll with PACKAGE_TIMEOUT_MS.
 * The tests expect the default parameters: a package made by hand since (another stage, other --param values,
 * `osls deploy`) is newer than the marker the tests leave in .serverless/ and is packaged again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVERLESS_DIR = join(ROOT, '.serverless');
export const TEMPLATE_FILE = join(SERVERLESS_DIR, 'cloudformation-template-update-stack.json');
const MARKER_FILE = join(SERVERLESS_DIR, '.packaged-by-tests');
/** Packaging bundles seven functions with esbuild: tens of seconds on a small machine. */
export const PACKAGE_TIMEOUT_MS = 300_000;

/** What `npm run package` reads: a change to any of these makes .serverless/ stale. */
const SOURCES = [
  'serverless.yml',
  'infra',
  'functions',
  'shared',
  'transit-guard.policy.yml',
  'package.json',
  'package-lock.json',
  'scripts/package.mjs',
  'scripts/org-templates.mjs',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** True when .serverless/ is missing, older than a source, or not the one the tests packaged. */
function packageIsStale(): boolean {
  if (!existsSync(TEMPLATE_FILE) || !existsSync(MARKER_FILE)) return true;
  const built = statSync(MARKER_FILE).mtimeMs;
  if (statSync(TEMPLATE_FILE).mtimeMs > built) return true;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

const LOCK_DIR = join(
  tmpdir(),
  `transit-guard-package-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);
const STALE_LOCK_MS = PACKAGE_TIMEOUT_MS;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  const deadline = Date.now() + PACKAGE_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left behind by a killed run is taken over.
      const lockedAt = statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > STALE_LOCK_MS) {
        rmSync(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_DIR}`);
      sleep(250);
    }
  }
}

/** Packages the stack unless .serverless/ is up to date; one run at a time across test workers. */
export function ensurePackaged(): void {
  if (!packageIsStale()) return;
  acquireLock();
  try {
    if (!packageIsStale()) return;
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: PACKAGE_TIMEOUT_MS,
    });
    if (run.status !== 0) {
      throw new Error(`npm run package failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
    }
    writeFileSync(MARKER_FILE, `${new Date().toISOString()}\n`);
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- template access

export interface CfnResource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Conditions?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

export function loadTemplate(): CfnTemplate {
  return JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as CfnTemplate;
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The function names of serverless.yml and their logical ids (osls: "on-api-call" -> OnDashapiDashcall). */
const FUNCTIONS = {
  'on-api-call': 'OnDashapiDashcall',
  'on-config-change': 'OnDashconfigDashchange',
  'on-certificate-event': 'OnDashcertificateDashevent',
  'config-rule': 'ConfigDashrule',
  sweep: 'Sweep',
  'sweep-worker': 'SweepDashworker',
  remediate: 'Remediate',
  'notify-slack': 'NotifyDashslack',
} as const;

export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export function functionLogicalId(name: FunctionName): string {
  return `${FUNCTIONS[name]}LambdaFunction`;
}

export function logGroupLogicalId(name: FunctionName): string {
  return `${FUNCTIONS[name]}LogGroup`;
}

/** `{ "Fn::GetAtt": [id, attribute] }` -> id, `{ Ref: id }` -> id, anything else -> undefined. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

// ---------------------------------------------------------------- organization templates

/** Where `npm run package` writes the organization templates and their function zips (scripts/org-templates.mjs). */
const ORG_DIR = join(SERVERLESS_DIR, 'org');
export const ORG_ARTIFACTS_DIR = join(ORG_DIR, 'artifacts');

export type OrgTemplateName = 'member' | 'central' | 'artifacts';

export function orgTemplateFile(name: OrgTemplateName): string {
  return join(ORG_DIR, `${name}.json`);
}

export function loadOrgTemplate(name: OrgTemplateName): CfnTemplate {
  return JSON.parse(readFileSync(orgTemplateFile(name), 'utf8')) as CfnTemplate;
}
