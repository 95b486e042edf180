import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeDocument } from '../../../shared/inventory/detect.js';
import { createFileInventorySource } from '../../../shared/inventory/file-source.js';
import { loadInventory } from '../../../shared/inventory/load.js';
import { WIDGET } from './widget-family.js';

vi.mock('../../../shared/families/index.js', async (original) => {
  const registry = await original<typeof import('../../../shared/families/index.js')>();
  const { widgetFamily } = await import('./widget-family.js');
  return { ...registry, FAMILIES: [...registry.FAMILIES, widgetFamily] };
});

describe('a family added to the registry', () => {
  const temporary: string[] = [];

  afterEach(async () => {
    await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function files(documents: Record<string, unknown>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'tg-fixture-family-'));
    temporary.push(dir);
    for (const [name, document] of Object.entries(documents)) {
      await writeFile(join(dir, name), JSON.stringify(document));
    }
    return dir;
  }

  it('has its describe output, its Config items and its pending facts read, linked and merged', async () => {
    // Prepare
    const dir = await files({
      'a-widgets.json': { Widgets: [{ WidgetId: 'w-1', Encrypted: false, Ports: [443] }] },
      'b-snapshot.json': {
        fileVersion: '1.0',
        configurationItems: [
          {
            resourceType: WIDGET,
            resourceId: 'w-1',
            awsRegion: 'eu-west-1',
            accountId: '111122223333',
            configurationItemCaptureTime: '2026-11-30T10:00:00.000Z',
            configuration: { Encrypted: false, Ports: [80] },
          },
          { resourceType: 'AWS::Fixture::Gadget', resourceId: 'g-1', configuration: {} },
        ],
      },
      'c-policies.json': { WidgetPolicies: [{ WidgetId: 'w-1', Policy: 'tls-1-2' }] },
    });

    // Act
    const inventory = await loadInventory([dir]);

    // Assess
    expect(inventory.errors).toEqual([]);
    expect(inventory.resources).toEqual([
      {
        resourceType: WIDGET,
        resourceId: 'w-1',
        tags: {},
        source: `${join(dir, 'a-widgets.json')} (fixture describe-widgets), ${join(dir, 'b-snapshot.json')} (AWS Config snapshot)`,
        encrypted: false,
        ports: [443, 80],
        accountId: '111122223333',
        region: 'eu-west-1',
        capturedAt: '2026-11-30T10:00:00.000Z',
        policy: 'tls-1-2',
      },
    ]);
    expect(inventory.skipped).toEqual({ outOfScope: { 'AWS::Fixture::Gadget': 1 }, notRecorded: 0 });
    expect(inventory.read.map((read) => read.found)).toEqual([
      [],
      ['AWS Config items of resource types transit-guard does not judge: 1 (AWS::Fixture::Gadget 1)'],
      ['widget policies: 1'],
    ]);
  });

  it('names its top-level keys among those an unrecognized input may have', () => {
    // Prepare, Act
    const inventory = normalizeDocument({ Gadgets: [] }, 'gadgets.json');

    // Assess
    expect(inventory.errors).toEqual([
      {
        source: 'gadgets.json',
        message: expect.stringMatching(/top-level keys .*CertificateSummaryList, .*Widgets, WidgetPolicies;/),
      },
    ]);
  });

  it('has its resources enumerated by replay under its sweep name', async () => {
    // Prepare
    const inventory = normalizeDocument({ Widgets: [{ WidgetId: 'w-2', Ports: [] }] }, 'w.json');
    const source = createFileInventorySource(inventory);

    // Act
    const widgets = await source.enumerate('eu-west-1', ['widget']);
    const listeners = await source.enumerate('eu-west-1', ['elbv2']);

    // Assess
    expect(widgets.resources.map((resource) => resource.resourceId)).toEqual(['w-2']);
    expect(listeners.resources).toEqual([]);
  });
});
