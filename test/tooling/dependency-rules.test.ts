import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const depcruise = join(repositoryRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

// A small house: every file imports what the rules allow, and the imports marked VIOLATION break one rule each.
const FILES: Record<string, string> = {
  'tsconfig.json': '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }',
  'shared/families/family.ts': 'export interface Family { id: string }',
  'shared/families/index.ts': `
    import { alphaFamily } from './alpha/index.js';
    import { betaFamily } from './beta/index.js';
    import type { Family } from './family.js';
    export const FAMILIES: Family[] = [alphaFamily, betaFamily];`,
  'shared/families/alpha/index.ts': `
    import type { Family } from '../family.js';
    import { rules } from './rules/check.js';
    import { fix } from './remediators/fix.js';
    import { read } from './live.js';
    export const alphaFamily: Family = { id: String([rules, fix, read]) };`,
  'shared/families/settings.ts': `
    import { alphaSettings } from './alpha/settings.js';
    export const FAMILY_SETTINGS = { alpha: alphaSettings };`,
  'shared/families/alpha/settings.ts': `
    import { EC2Client } from '@aws-sdk/client-ec2'; // VIOLATION pure-code-imports-no-aws-sdk
    export const alphaSettings = { client: EC2Client };`,
  'shared/families/alpha/rules/helper.ts': 'export const helper = 1;',
  'shared/families/alpha/rules/check.ts': `
    import { EC2Client } from '@aws-sdk/client-ec2'; // VIOLATION pure-code-imports-no-aws-sdk
    import type { BetaThing } from '../../beta/model.js'; // VIOLATION families-do-not-import-each-other
    import { fix } from '../remediators/fix.js'; // VIOLATION judging-does-not-act
    import { plan } from '../../../response/planner.js'; // VIOLATION judging-does-not-act
    import type { Rule } from '../../../rules/rule.js';
    import { helper } from './helper.js';
    export const rules: Rule[] = [String([EC2Client, fix, plan, helper]) as unknown as BetaThing];`,
  'shared/families/alpha/remediators/fix.ts': `
    import { ModifyVpnTunnelOptionsCommand } from '@aws-sdk/client-ec2';
    import type { Rule } from '../../../rules/rule.js';
    import { helper } from '../rules/helper.js'; // VIOLATION remediators-do-not-reach-into-rules
    export const fix = [ModifyVpnTunnelOptionsCommand, helper] as unknown as Rule;`,
  'shared/families/alpha/live.ts': `
    import { EC2Client } from '@aws-sdk/client-ec2';
    import type { Family } from '../family.js';
    export const read = [EC2Client] as unknown as Family;`,
  'shared/families/alpha/describe.ts': 'export const describe = 1;',
  'shared/families/beta/model.ts': 'export interface BetaThing { id: string }',
  'shared/families/beta/index.ts': `
    import { FAMILIES } from '../index.js'; // VIOLATION families-do-not-import-each-other
    import { FAMILY_SETTINGS } from '../settings.js'; // VIOLATION families-do-not-import-each-other
    import type { BetaThing } from './model.js';
    export const betaFamily = { id: String([FAMILIES, FAMILY_SETTINGS]) } as BetaThing;`,
  'shared/rules/rule.ts': 'export interface Rule { id: string }',
  'shared/rules/index.ts': `
    import { FAMILIES } from '../families/index.js';
    export const RULES = FAMILIES;`,
  'shared/rules/engine.ts': `
    import type { EC2Client } from '@aws-sdk/client-ec2'; // VIOLATION pure-code-imports-no-aws-sdk
    import { RULES } from './index.js';
    import { plan } from '../response/planner.js'; // VIOLATION judging-does-not-act
    export const evaluate = (client: EC2Client) => [client, RULES, plan];`,
  'shared/tls/assess.ts': `
    import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'; // VIOLATION pure-code-imports-no-aws-sdk
    export const assess = ElasticLoadBalancingV2Client;`,
  'shared/model/resource.ts': `
    import { ACMClient } from '@aws-sdk/client-acm'; // VIOLATION pure-code-imports-no-aws-sdk
    export const resource = ACMClient;`,
  'shared/policy/schema.ts': `
    import { FAMILY_SETTINGS } from '../families/settings.js';
    export const policySchema = { ...FAMILY_SETTINGS };`,
  'shared/policy/check.ts': `
    import type { Rule } from '../rules/rule.js';
    import { evaluate } from '../rules/engine.js'; // VIOLATION policy-does-not-import-rules
    export const check = (catalog: Rule[]) => [catalog, evaluate];`,
  'shared/inventory/detect.ts': `
    import { EC2Client } from '@aws-sdk/client-ec2';
    import { describe } from '../families/alpha/describe.js'; // VIOLATION core-reaches-families-through-the-registry
    import type { Family } from '../families/family.js';
    import { FAMILIES } from '../families/index.js';
    export const detect = [EC2Client, describe, FAMILIES] as unknown as Family;`,
  'shared/state/store.ts': 'export const store = 1; export interface StoredRecord { id: string }',
  'shared/report/slack.ts': `
    import type { StoredRecord } from '../state/store.js';
    import { store } from '../state/store.js'; // VIOLATION reports-write-nothing
    export const slack = [store] as unknown as StoredRecord;`,
  'shared/response/planner.ts': `
    import type { Rule } from '../rules/rule.js';
    export const plan = (rule: Rule) => rule;`,
  'shared/response/idempotency.ts': 'export const idempotent = 1;',
  'shared/response/types.ts': 'export interface Action { id: string }',
  'shared/usecase/run.ts': `
    import { handler } from '../../functions/handler.js'; // VIOLATION functions-call-the-wiring
    export const run = () => handler;`,
  'shared/lambda/wiring.ts': `
    import { RULES } from '../rules/index.js';
    import { idempotent } from '../response/idempotency.js';
    import type { Action } from '../response/types.js';
    import { evaluate } from '../rules/engine.js'; // VIOLATION lambda-only-wires
    import { run } from '../usecase/run.js';
    export const wire = [RULES, idempotent, evaluate, run] as unknown as Action;`,
  'functions/handler.ts': `
    import { read } from '../shared/families/alpha/live.js'; // VIOLATION core-reaches-families-through-the-registry
    import { wire } from '../shared/lambda/wiring.js';
    export const handler = [read, wire];`,
};

/** `error <rule>: <from> → <to>` for every import marked VIOLATION in FILES. */
function expectedViolations(): string[] {
  const lines: string[] = [];
  for (const [file, content] of Object.entries(FILES)) {
    for (const match of content.matchAll(/from '([^']+)';\s*\/\/ VIOLATION (\S+)/g)) {
      const [, specifier = '', rule = ''] = match;
      const target = specifier.startsWith('.')
        ? join(dirname(file), specifier).replace(/\.js$/, '.ts')
        : specifier;
      lines.push(`error ${rule}: ${file} → ${target}`);
    }
  }
  return lines.sort();
}

let house: string;

beforeAll(() => {
  house = mkdtempSync(join(tmpdir(), 'tg-deps-'));
  for (const [file, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(house, file)), { recursive: true });
    writeFileSync(join(house, file), `${content}\n`);
  }
});

afterAll(() => {
  rmSync(house, { recursive: true, force: true });
});

describe('the dependency rule check (npm run deps)', () => {
  it('fails on each forbidden import, naming its rule and file, and on no allowed one', () => {
    // Act: the command `npm run deps` runs, with the repository's rules, on the small house.
    const config = join(repositoryRoot, '.dependency-cruiser.cjs');
    const run = spawnSync(
      process.execPath,
      [depcruise, '--config', config, '--output-type', 'err', 'shared', 'functions'],
      { cwd: house, encoding: 'utf8' },
    );

    // Assess
    const reported = run.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('error '))
      .sort();
    expect(reported).toEqual(expectedViolations());
    expect(new Set(reported.map((line) => line.split(':')[0]))).toEqual(
      new Set([
        'error pure-code-imports-no-aws-sdk',
        'error judging-does-not-act',
        'error families-do-not-import-each-other',
        'error core-reaches-families-through-the-registry',
        'error reports-write-nothing',
        'error lambda-only-wires',
        'error functions-call-the-wiring',
        'error policy-does-not-import-rules',
        'error remediators-do-not-reach-into-rules',
      ]),
    );
    expect(run.status).not.toBe(0);
  });
});
