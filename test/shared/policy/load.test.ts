import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { loadPolicy, PolicyError, parsePolicy } from '../../../shared/policy/load.js';
import { policySchema } from '../../../shared/policy/schema.js';
import { RULES } from '../../../shared/rules/index.js';
import { createTlsCatalog } from '../../../shared/tls/index.js';
import { checkPolicy } from '../../../shared/usecase/check-policy.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The message of the PolicyError `action` throws (fails the test when it does not throw one). */
async function policyErrorOf(action: () => unknown): Promise<PolicyError> {
  const error = await Promise.resolve()
    .then(action)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  expect(error).toBeInstanceOf(PolicyError);
  return error as PolicyError;
}

describe('parsePolicy', () => {
  it('fills every setting a file leaves out with the strict default', () => {
    // Act
    const policy = parsePolicy('dryRun: false\ntls:\n  minimumVersion: TLSv1.3\n', 'custom.yml');

    // Assess
    expect(policy).toEqual({
      ...policySchema.parse({}),
      dryRun: false,
      tls: { ...policySchema.parse({}).tls, minimumVersion: 'TLSv1.3' },
    });
  });

  it('reads an empty file as all defaults', () => {
    // Assess
    expect(parsePolicy('# nothing set\n', 'empty.yml')).toEqual(policySchema.parse({}));
  });

  it('names the file, the field path and the allowed modes for a mode typo', async () => {
    // Act
    const error = await policyErrorOf(() =>
      parsePolicy('rules:\n  elbv2-listener-tls-policy:\n    mode: remediat\n', 'team.policy.yml'),
    );

    // Assess
    expect(error.name).toBe('PolicyError');
    expect(error.file).toBe('team.policy.yml');
    expect(error.message).toContain('team.policy.yml');
    expect(error.message).toContain('rules.elbv2-listener-tls-policy.mode');
    expect(error.message).toContain('allowed values: off, notify, remediate, block');
    expect(error.message).toContain('"remediat" is not allowed (did you mean "remediate"?)');
  });

  it('names an unknown top-level key and the settings that exist', async () => {
    // Act
    const error = await policyErrorOf(() =>
      parsePolicy('tsl:\n  minimumVersion: TLSv1.2\n', 'team.policy.yml'),
    );

    // Assess
    expect(error.issues).toEqual([
      {
        path: 'tsl',
        message:
          'unknown setting (did you mean "tls"?); allowed settings: version, dryRun, tls, vpn, directConnect, certificates, vpc, iot, rules, exemptions, sweep, slack',
      },
    ]);
    expect(error.message).toContain('team.policy.yml');
  });

  it('names the nested path of an unknown key inside a section', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('tls:\n  minVersion: TLSv1.2\n', 'p.yml'));

    // Assess
    expect(error.issues[0]?.path).toBe('tls.minVersion');
    expect(error.issues[0]?.message).toContain('did you mean "minimumVersion"?');
  });

  it('lists the TLS versions when minimumVersion is misspelt', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('tls:\n  minimumVersion: TLS1.2\n', 'p.yml'));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file p.yml: tls.minimumVersion: "TLS1.2" is not allowed (did you mean "TLSv1.2"?); allowed values: SSLv2, SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3',
    );
  });

  it('points at the list element that is wrong', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('vpn:\n  allowedDHGroups: [14, 3]\n', 'p.yml'));

    // Assess
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: 'vpn.allowedDHGroups[1]' });
    expect(error.issues[0]?.message).toContain('3 is not allowed');
    expect(error.issues[0]?.message).toContain('allowed values: 2, 5, 14,');
  });

  it('refuses a list that names a value twice, pointing at the repeat', async () => {
    // Act
    const error = await policyErrorOf(() =>
      parsePolicy('vpn:\n  allowedEncryptionAlgorithms: [AES256, AES128, AES256]\n', 'p.yml'),
    );

    // Assess
    expect(error.issues).toEqual([
      { path: 'vpn.allowedEncryptionAlgorithms[2]', message: 'AES256 is listed twice' },
    ]);
  });

  it('says what an exemption date must look like', async () => {
    // Prepare
    const yaml = [
      'exemptions:',
      '  - resource: vpn-0e1a2b3c4d5e6f708',
      '    rules: all',
      '    reason: replaced next week',
      '    expires: next week',
    ].join('\n');

    // Act
    const error = await policyErrorOf(() => parsePolicy(yaml, 'p.yml'));

    // Assess
    expect(error.issues).toEqual([
      {
        path: 'exemptions[0].expires',
        message:
          'expected an ISO date (2026-12-31) or an ISO date-time with offset (2026-12-31T00:00:00Z), got "next week"',
      },
    ]);
  });

  it('lists every problem of the file, not only the first', async () => {
    // Act
    const error = await policyErrorOf(() =>
      parsePolicy('dryRun: yes please\nversion: 2\nextra: 1\n', 'p.yml'),
    );

    // Assess
    expect(error.issues.map((issue) => issue.path)).toEqual(['version', 'dryRun', 'extra']);
    expect(error.message.split('\n')).toHaveLength(4);
  });

  it('names the line and column of a YAML syntax error', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('tls:\n  minimumVersion: [TLSv1.2\n', 'broken.yml'));

    // Assess
    expect(error.message).toContain('broken.yml');
    expect(error.issues).toEqual([
      {
        path: 'line 3, column 1',
        message:
          'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('gives the first of several YAML syntax errors on one line, counting the others', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('a: [\nb: {\n  c: d: e\n', 'broken.yml'));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file broken.yml: line 2, column 1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (and 2 more after it)',
    );
  });

  it('refuses a YAML alias bomb ("billion laughs") with one line naming the file', async () => {
    // Prepare: nine aliases to nine aliases, six levels deep
    const levels = ['a', 'b', 'c', 'd', 'e', 'f'];
    const bomb = levels
      .map((name, index) => {
        const entry = index === 0 ? '"lol"' : `*${levels[index - 1]}`;
        return `${name}: &${name} [${Array(9).fill(entry).join(', ')}]`;
      })
      .join('\n');

    // Act
    const error = await policyErrorOf(() => parsePolicy(bomb, 'bomb.yml'));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file bomb.yml: (root): YAML error: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('still expands a few aliases', () => {
    // Act
    const policy = parsePolicy(
      'vpn:\n  allowedIkeVersions: &ike [ikev2]\nrules:\n  vpn-tunnel-ike-version: {mode: notify}\n',
      'anchors.yml',
    );

    // Assess
    expect(policy.vpn.allowedIkeVersions).toEqual(['ikev2']);
  });

  it.each([
    ['__proto__:\n  dryRun: false\n', '__proto__'],
    ['rules:\n  constructor:\n    mode: off\n', 'rules.constructor'],
    ['vpn:\n  prototype: 1\n', 'vpn.prototype'],
    ['exemptions:\n  - resource: vpn-1\n    __proto__: {}\n', 'exemptions[0].__proto__'],
  ])('reports a reserved JavaScript key by its path, never dropping it (%j)', async (text, path) => {
    // Act
    const error = await policyErrorOf(() => parsePolicy(text, 'proto.yml'));

    // Assess
    const key = path.replace(/^.*[.\]]/, '');
    expect(error.issues).toEqual([
      { path, message: `"${key}" is not allowed as a key (a reserved JavaScript name)` },
    ]);
  });

  it('reports every reserved key of a file, at any depth', async () => {
    // Act
    const error = await policyErrorOf(() =>
      parsePolicy(
        'rules:\n  constructor: {}\n  prototype: {}\nsweep: ~\nslack:\n  x:\n    - __proto__: 1\n    - ~\n',
        'keys.yml',
      ),
    );

    // Assess
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'rules.constructor',
      'rules.prototype',
      'slack.x[0].__proto__',
    ]);
  });

  it('rejects a file that is not a mapping', async () => {
    // Act
    const error = await policyErrorOf(() => parsePolicy('- tls\n- vpn\n', 'list.yml'));

    // Assess
    expect(error.issues).toEqual([{ path: '(root)', message: 'expected a mapping of settings, got a list' }]);
  });
});

describe('loadPolicy', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'transit-guard-policy-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('uses the built-in defaults when no path is given and the directory has no policy file', async () => {
    // Act
    const policy = await loadPolicy(undefined, { cwd: directory });

    // Assess
    expect(policy).toEqual(policySchema.parse({}));
  });

  it('uses ./transit-guard.policy.yml when no path is given and the file exists', async () => {
    // Prepare
    await writeFile(join(directory, 'transit-guard.policy.yml'), 'dryRun: false\n');

    // Act
    const policy = await loadPolicy(undefined, { cwd: directory });

    // Assess
    expect(policy.dryRun).toBe(false);
  });

  it('reads a named file relative to cwd', async () => {
    // Prepare
    await writeFile(join(directory, 'strict.yml'), 'certificates:\n  expiryDays: 45\n');

    // Act
    const policy = await loadPolicy('strict.yml', { cwd: directory });

    // Assess
    expect(policy.certificates.expiryDays).toBe(45);
  });

  it('fails naming a policy file that does not exist', async () => {
    // Act
    const error = await policyErrorOf(() => loadPolicy('missing.yml', { cwd: directory }));

    // Assess
    expect(error.message).toBe('Invalid policy file missing.yml: (root): file not found');
  });

  it('refuses a policy file that is not a regular file, without reading it', async () => {
    // Act
    const error = await policyErrorOf(() => loadPolicy('/dev/zero', { cwd: directory }));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file /dev/zero: (root): cannot read the file: not a regular file (a device): not read',
    );
  });

  it('refuses a policy file larger than 1 MiB', async () => {
    // Prepare: sparse, nothing is written
    await writeFile(join(directory, 'huge.yml'), '');
    await truncate(join(directory, 'huge.yml'), 1024 * 1024 + 1);

    // Act
    const error = await policyErrorOf(() => loadPolicy('huge.yml', { cwd: directory }));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file huge.yml: (root): cannot read the file: the file is 1.0 MiB (1048577 bytes), over the 1 MiB limit: not read',
    );
  });

  it('names the file the default policy came from when it is invalid', async () => {
    // Prepare
    await writeFile(join(directory, 'transit-guard.policy.yml'), 'dryRun: maybe\n');

    // Act
    const error = await policyErrorOf(() => loadPolicy(undefined, { cwd: directory }));

    // Assess
    expect(error.message).toBe(
      'Invalid policy file transit-guard.policy.yml: dryRun: expected boolean, got "maybe"',
    );
  });
});

describe('transit-guard.policy.yml (repository root)', () => {
  it('documents exactly the built-in defaults, so the file and the code never drift', async () => {
    // Prepare
    const text = await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8');

    // Act
    const policy = parsePolicy(text, 'transit-guard.policy.yml');

    // Assess
    expect(policy).toEqual(policySchema.parse({}));
  });

  it('writes down every setting that has a default, so each default is documented', async () => {
    // Prepare
    const text = await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8');

    // Act
    const listed = settingPaths(policySchema, parseYaml(text));

    // Assess: every key the defaults have (every section, family sections included) is a line of the file
    expect(listed).toEqual(expect.arrayContaining(settingPaths(policySchema, policySchema.parse({}))));
  });

  it('names every setting of the schema, the ones without a default in a commented example', async () => {
    // Prepare
    const text = await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8');
    const examples = commentedExamples(text).map((example) => example.document);

    // Act
    const documented = new Set([
      ...settingPaths(policySchema, parseYaml(text)),
      ...examples.flatMap((document) => settingPaths(policySchema, document)),
    ]);

    // Assess: e.g. tls.targetPolicy (no default) is shown as a commented `targetPolicy:` line under tls
    expect(schemaPaths(policySchema).filter((path) => !documented.has(path))).toEqual([]);
  });

  it('shows only commented examples that are valid policies, so no documented setting is missing from the schema', async () => {
    // Prepare
    const text = await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8');
    const examples = commentedExamples(text);

    // Act
    const problems = examples.flatMap(({ line, document }) => {
      try {
        const policy = parsePolicy(JSON.stringify(document), `transit-guard.policy.yml:${line}`);
        return checkPolicy(policy, { rules: RULES, tls: createTlsCatalog() }).map(
          (problem) => `line ${line}: ${problem.path}: ${problem.message}`,
        );
      } catch (error) {
        return [`line ${line}: ${(error as Error).message}`];
      }
    });

    // Assess
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
  });

  it('comments every setting it lists', async () => {
    // Prepare
    const lines = (await readFile(join(repositoryRoot, 'transit-guard.policy.yml'), 'utf8')).split('\n');

    // Assess: a leaf setting (key: value) is preceded by a comment line
    lines.forEach((line, index) => {
      if (/^\s*[A-Za-z]+: \S/.test(line) && !/^(rules|exemptions): /.test(line)) {
        expect(lines[index - 1], line).toMatch(/^\s*#/);
      }
    });
  });
});

/** A zod schema without its default/prefault/optional wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (['default', 'prefault', 'optional', 'nullable'].includes(inner._zod.def.type)) {
    inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return inner;
}

/** The keys of an object schema, or the value schema of a record (as the key `*`); undefined for any other. */
function children(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = unwrap(schema)._zod.def as unknown as {
    type: string;
    shape?: Record<string, z.ZodType>;
    valueType?: z.ZodType;
  };
  if (def.type === 'object') return def.shape;
  if (def.type === 'record' && def.valueType) return { '*': def.valueType };
  return undefined;
}

/**
 * Every setting path (`tls.minimumVersion`, `rules.*.mode`) of the schema. A section the schema cannot show
 * (`exemptions` is read through a transform) contributes the keys of its default value.
 */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  const keys = children(schema);
  if (keys !== undefined) {
    return Object.entries(keys).flatMap(([key, child]) =>
      schemaPaths(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  if (unwrap(schema)._zod.def.type !== 'pipe') return [prefix];
  const defaults = policySchema.parse({}) as Record<string, unknown>;
  const value = prefix
    .split('.')
    .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], defaults);
  return isMapping(value) ? Object.keys(value).map((key) => `${prefix}.${key}`) : [prefix];
}

/** The setting paths a policy document sets (a record's keys as `*`), stopping at lists and empty mappings. */
function settingPaths(schema: z.ZodType | undefined, value: unknown, prefix = ''): string[] {
  if (!isMapping(value) || Object.keys(value).length === 0) return prefix ? [prefix] : [];
  const keys = schema ? children(schema) : undefined;
  return Object.entries(value).flatMap(([key, child]) => {
    const name = keys && '*' in keys ? '*' : key;
    return settingPaths(keys?.[name], child, prefix ? `${prefix}.${name}` : name);
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The commented YAML examples of a policy file (`# targetPolicy: ...`, `# rules:` and the lines under it), each
 * as a policy document: its lines without their `#`, placed under the section the comment is indented in.
 */
function commentedExamples(text: string): { line: number; document: unknown }[] {
  const lines = text.split('\n');
  const keyLine = /^(\s*)#(\s+)(- )?[a-z][\w.-]*:(\s|$)/;
  const examples: { line: number; document: unknown }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const first = keyLine.exec(lines[index] ?? '');
    if (!first) continue;
    const hashColumn = first[1]?.length ?? 0;
    const start = index;
    const body: string[] = [];
    while (index < lines.length && keyLine.test(lines[index] ?? '')) {
      body.push((lines[index] ?? '').slice(hashColumn + 1));
      index++;
    }
    // The section: the nearest setting line above that is indented less than the comment.
    let section: string | undefined;
    for (let above = start - 1; above >= 0 && hashColumn > 0; above--) {
      const match = /^(\s*)([A-Za-z]\w*):/.exec(lines[above] ?? '');
      if (match && (match[1]?.length ?? 0) < hashColumn) {
        section = match[2];
        break;
      }
    }
    const example: unknown = parseYaml(dedent(body));
    examples.push({ line: start + 1, document: section ? { [section]: example } : example });
  }
  return examples;
}

function dedent(lines: string[]): string {
  const indent = Math.min(...lines.map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join('\n');
}
