/**
 * The docs name what the registry holds: every family, every CloudTrail call and native event that wakes an
 * inspector, every AWS Config type the Config rule is scoped to. A family added without its lines in the docs
 * fails here, so a reader of README.md or docs/deploy.md is never told a shorter story than the code runs.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_RESOURCE_TYPES } from '../../shared/events/config.js';
import { FAMILIES } from '../../shared/families/index.js';

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The text of the section of `doc` whose heading starts with `heading`, up to the next heading of its level. */
function section(doc: string, level: string, heading: string): string {
  const part = doc.split(new RegExp(`^${level} `, 'm')).find((text) => text.startsWith(heading));
  if (part === undefined) throw new Error(`no "${level} ${heading}" section`);
  return part;
}

/** The table rows (lines starting with `|`) of a text. */
const tableOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .join('\n');

/** Each family's routed CloudTrail call names and native detail-types ("ACM Certificate Expired"). */
const triggers = FAMILIES.map((family) => ({
  id: family.id,
  calls: (family.events?.apiCalls ?? []).flatMap((api) => [...api.routes.keys()]),
  native: family.events?.native?.detailTypes ?? [],
}));

describe('docs/deploy.md', () => {
  it('lists every call and native event that wakes an inspector in its event-pattern table', async () => {
    // Prepare
    const table = tableOf(section(await read('docs/deploy.md'), '##', 'Event patterns'));

    // Act
    const missing = triggers.flatMap(({ id, calls, native }) => [
      ...calls.filter((call) => !new RegExp(`\\b${call}\\b`).test(table)).map((call) => `${id}: ${call}`),
      // The table shortens ACM's detail-types to what follows "ACM Certificate ".
      ...native
        .filter((type) => !table.includes(type.replace(/^ACM Certificate /, '')))
        .map((type) => `${id}: ${type}`),
    ]);

    // Assess
    expect(triggers.flatMap((family) => family.calls).length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('names every AWS Config type the Config rule is scoped to among the prerequisites', async () => {
    // Prepare
    const prerequisites = section(await read('docs/deploy.md'), '##', 'Prerequisites');

    // Assess
    expect(CONFIG_RESOURCE_TYPES.filter((type) => !prerequisites.includes(`\`${type}\``))).toEqual([]);
  });
});

describe('README.md', () => {
  it('gives every family a row of "What wakes the inspectors", naming one of its calls', async () => {
    // Prepare
    const readme = await read('README.md');
    const table = tableOf(
      readme.slice(readme.indexOf('**What wakes the inspectors**')).split('\n\n')[1] ?? '',
    );

    // Act
    const rows = table.split('\n');
    const missing = triggers.filter(
      ({ calls }) => !rows.some((row) => calls.some((call) => new RegExp(`\\b${call}\\b`).test(row))),
    );

    // Assess
    expect(rows.length).toBeGreaterThanOrEqual(FAMILIES.length + 2);
    expect(missing.map((family) => family.id)).toEqual([]);
  });
});

/** How README's opening paragraph names each family; a family without an entry fails the test below. */
const INTRO_NAMES: Readonly<Record<string, string>> = {
  elbv2: 'ALB, NLB',
  elb: 'classic ELB',
  vpn: 'Site-to-Site VPN tunnels',
  directconnect: 'Direct Connect connections and LAGs',
  acm: 'ACM certificates',
  cloudfront: 'CloudFront distributions',
  lattice: 'VPC Lattice listeners',
  apigateway: 'API Gateway',
  vpc: 'VPC encryption controls',
  datasync: 'DataSync locations',
  s3: 'S3 bucket policies and websites',
  rds: 'RDS and Aurora databases',
  pca: 'AWS Private CA',
  iam: 'IAM server certificates',
  iot: 'AWS IoT Core',
};

describe('README.md opening', () => {
  it('names every family of the registry in what transit-guard judges', async () => {
    // Prepare
    const readme = await read('README.md');
    const intro = readme.slice(
      readme.indexOf('transit-guard keeps data in transit'),
      readme.indexOf('## How it runs'),
    );

    // Act
    const missing = FAMILIES.map((family) => family.id).filter((id) => {
      const name = INTRO_NAMES[id];
      return name === undefined || !intro.replace(/\s+/g, ' ').includes(name.replace(/\s+/g, ' '));
    });

    // Assess
    expect(missing).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  it('lists every family folder of the registry', async () => {
    // Prepare
    const doc = await read('docs/architecture.md');
    const listed = /shared\/families\/<id>\/\s+((?:[a-z0-9]+(?:\s*·\s*|\s+))+)/.exec(doc)?.[1] ?? '';

    // Assess
    expect(listed.split(/[\s·]+/).filter(Boolean)).toEqual(FAMILIES.map((family) => family.id));
  });
});
