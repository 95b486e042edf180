import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeJsonError, loadInventory } from '../../../shared/inventory/load.js';
import { normalizeDocuments } from '../../helpers/inventory.js';
import { fixture, fixtureText, INPUTS, plantedSecrets, SHOP_HTTP } from './fixtures.js';

const MIXED = join(INPUTS, 'mixed');
const shown = (path: string) => relative(process.cwd(), path);

describe('loadInventory', () => {
  const temporary: string[] = [];

  afterEach(async () => {
    await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('loads the good files of a directory and names the bad and unknown ones', async () => {
    // Prepare, Act
    const inventory = await loadInventory([MIXED]);

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: shown(join(MIXED, 'a-truncated-edit.json')),
        message: 'invalid JSON at line 6, column 5: Expected double-quoted property name',
      },
      {
        source: shown(join(MIXED, 'b-ec2-describe-instances.json')),
        message: expect.stringMatching(
          /^not a recognized input: .*found an object with the keys Reservations$/,
        ),
      },
    ]);
    expect(inventory.resources.map((resource) => resource.resourceType).sort()).toEqual([
      'AWS::ACM::Certificate',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::Listener',
    ]);
  });

  it('reads *.json files in nested directories, in sorted order, and nothing else', async () => {
    // Prepare, Act
    const inventory = await loadInventory([MIXED]);

    // Assess
    expect([
      ...new Set(inventory.resources.map((resource) => resource.source.replace(/ \(.*$/, ''))),
    ]).toEqual([
      shown(join(MIXED, 'c-elbv2-describe-listeners.json')),
      shown(join(MIXED, 'nested/d-acm-describe-certificate.json')),
    ]);
  });

  it('links what several files say about the same resources', async () => {
    // Prepare, Act
    const inventory = await loadInventory([INPUTS]);

    // Assess
    const listener = inventory.resources.filter((resource) => resource.resourceId === SHOP_HTTP);
    expect(listener).toHaveLength(1);
    expect(listener[0]).toMatchObject({ loadBalancerType: 'application', loadBalancerName: 'shop-alb' });
    expect(listener[0]?.source.split(', ').length).toBeGreaterThan(1);
    expect(inventory.pending).toBeUndefined();
  });

  it('never copies a planted pre-shared key or customer gateway configuration, from any input', async () => {
    // Prepare
    const secrets = [
      ...plantedSecrets(fixtureText('config-snapshot.json')),
      ...plantedSecrets(fixtureText('ec2-describe-vpn-connections.json')),
      ...plantedSecrets(fixtureText('ec2-create-vpn-connection.json')),
    ];

    // Act
    const output = JSON.stringify(await loadInventory([INPUTS]));

    // Assess
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/pre_?shared_?key|customerGatewayConfiguration/i);
  });

  it('loads a file given by path, and reports a path that does not exist', async () => {
    // Prepare
    const missing = join(INPUTS, 'no-such-export.json');

    // Act
    const inventory = await loadInventory([join(INPUTS, 'acm-list-certificates.json'), missing]);

    // Assess
    expect(inventory.resources).toHaveLength(2);
    expect(inventory.errors).toEqual([
      { source: shown(missing), message: 'cannot read: no such file or directory' },
    ]);
  });

  it('reports a directory without JSON files', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    await writeFile(join(dir, 'notes.txt'), 'nothing here');

    // Act
    const inventory = await loadInventory([dir]);

    // Assess
    expect(inventory.errors).toEqual([{ source: dir, message: 'no *.json files in this directory' }]);
  });

  it('reports a file it cannot read and loads the others', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    await writeFile(join(dir, 'a.json'), fixtureText('acm-list-certificates.json'));
    await symlink(join(dir, 'gone.json'), join(dir, 'b.json'));

    // Act
    const inventory = await loadInventory([dir]);

    // Assess
    expect(inventory.resources).toHaveLength(2);
    expect(inventory.errors).toEqual([
      { source: join(dir, 'b.json'), message: 'cannot read the file: no such file or directory' },
    ]);
  });

  it.each([
    ['a snapshot, read item by item', () => fixture('config-snapshot.json')],
    ['a history that lists a resource twice, parsed whole', () => fixture('config-history.json')],
  ])('loads %s as normalizing the parsed file does', async (_what, document) => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    const path = join(dir, 'config.json');
    await writeFile(path, JSON.stringify(document()));

    // Act
    const inventory = await loadInventory([path]);

    // Assess
    const { read, ...linked } = inventory;
    expect(inventory.resources.length).toBeGreaterThan(0);
    expect(linked).toEqual(normalizeDocuments([{ document: document(), source: path }]));
    expect(read.map((file) => file.source)).toEqual([path]);
  });

  it('says what each file held beside its resources', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    const snapshot = join(dir, 'a-config.json');
    await writeFile(snapshot, fixtureText('config-snapshot.json'));
    await writeFile(join(dir, 'b-policies.json'), fixtureText('elb-describe-load-balancer-policies.json'));
    await writeFile(join(dir, 'c-rules.json'), fixtureText('elbv2-describe-rules.json'));
    await writeFile(join(dir, 'd-status.json'), fixtureText('ec2-get-active-vpn-tunnel-status-list.json'));
    await writeFile(join(dir, 'e-ssl.json'), fixtureText('elbv2-describe-ssl-policies.json'));
    await writeFile(join(dir, 'f-empty.json'), '[]');

    // Act
    const { read } = await loadInventory([dir]);

    // Assess
    expect(read).toEqual([
      {
        source: snapshot,
        resources: 4,
        found: [
          'AWS Config items of resource types transit-guard does not judge: 1 (AWS::EC2::SecurityGroup 1)',
          'AWS Config items of deleted or unrecorded resources: 1',
          'ELBv2 load balancers: 1',
        ],
      },
      {
        source: join(dir, 'b-policies.json'),
        resources: 0,
        found: ['classic load balancer policies: 2'],
      },
      { source: join(dir, 'c-rules.json'), resources: 0, found: ['listener rules: 3'] },
      { source: join(dir, 'd-status.json'), resources: 0, found: ['VPN tunnel statuses: 2'] },
      { source: join(dir, 'e-ssl.json'), resources: 0, found: ['ELBv2 security policies: 1'] },
      { source: join(dir, 'f-empty.json'), resources: 0, found: [] },
    ]);
  });

  it('reports a snapshot that is not valid JSON where JSON.parse finds the problem', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    const path = join(dir, 'snapshot.json');
    const text = JSON.stringify(fixture('config-snapshot.json'), null, 2).replace(/\n {4}\},\n/, '\n    }\n');
    await writeFile(path, text);

    // Act
    const inventory = await loadInventory([path]);

    // Assess
    expect(inventory.resources).toEqual([]);
    expect(inventory.errors).toEqual([
      { source: path, message: expect.stringMatching(/^invalid JSON at line \d+, column 5: /) },
    ]);
  });

  it('reads a file with a byte order mark', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'transit-guard-inputs-'));
    temporary.push(dir);
    await mkdir(join(dir, 'exports'));
    await writeFile(join(dir, 'exports', 'acm.json'), `\uFEFF${fixtureText('acm-list-certificates.json')}`);

    // Act
    const inventory = await loadInventory([dir]);

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(inventory.resources).toHaveLength(2);
  });
});

describe('describeJsonError', () => {
  it('gives the line and column of the failure without the text around it', () => {
    // Prepare
    const text = '{\n  "PreSharedKey": "EXAMPLEpsk.Canary_json" x\n}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }

    // Act
    const message = describeJsonError(error, text);

    // Assess
    expect(message).toMatch(/^invalid JSON at line 2, column \d+: /);
    expect(message).not.toContain('EXAMPLEpsk');
  });

  it('drops the input V8 quotes in an unexpected-token message', () => {
    // Prepare
    const text = 'EXAMPLEpsk.Canary_bare';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }

    // Act
    const message = describeJsonError(error, text);

    // Assess
    expect(message).not.toContain('EXAMPLEpsk');
    expect(message).toMatch(/^invalid JSON/);
  });
});
