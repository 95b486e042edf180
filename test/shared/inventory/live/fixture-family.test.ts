/**
 * A family added to the registry alone (a mocked FAMILIES) is read by the live source with no other edit:
 * its client and readers are loaded through its facet, its calls are paced under its own service and
 * documented rate, its part of the read plan reaches its readers, and its not-found code makes a ref gone.
 * (Normalizing its documents into resources is its inputs facet's part, not the live reads'.)
 */
import { describe, expect, it, vi } from 'vitest';
import { createRegionalClients } from '../../../../shared/aws/clients.js';
import type { Family } from '../../../../shared/families/index.js';
import { DOCUMENTED_RATE_LIMITS } from '../../../../shared/inventory/live/limiter.js';
import { FULL_READ_PLAN } from '../../../../shared/inventory/live/plan.js';
import { createAwsInventorySource } from '../../../../shared/inventory/live/source.js';
import type { ResourceRef } from '../../../../shared/model/ref.js';
import { FAKE_CREDENTIALS } from '../../../fixtures/wire/http.js';

const fixture = vi.hoisted(() => {
  /** The fixture service's SDK client: it records what it was built with and what it was sent. */
  class WidgetClient {
    readonly sent: unknown[] = [];
    constructor(readonly config: { region: string }) {}
    async send(command: never): Promise<unknown> {
      this.sent.push(command);
      const input = command as { id?: string };
      if (input.id === 'widget-gone')
        throw Object.assign(new Error('no such widget'), { name: 'WidgetNotFound' });
      return { widgets: [] };
    }
    destroy(): void {}
  }
  const created: WidgetClient[] = [];
  const createClient = (config: { region: string }) => {
    const client = new WidgetClient(config);
    created.push(client);
    return client;
  };
  const swept: { region: string; plan: unknown }[] = [];
  return { created, createClient, swept, type: 'AWS::Fixture::Widget' };
});

vi.mock('../../../../shared/families/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../shared/families/index.js')>();
  const widgets: Family = {
    id: 'fixture',
    label: 'Fixture widgets',
    resourceTypes: [fixture.type as never],
    rules: [],
    remediators: [],
    ruleFamily: 'fixture',
    commands: {},
    report: { resourceNoun: 'widget', consoleLink: () => undefined, kpis: [] },
    inputs: {},
    live: {
      service: 'widgets',
      rates: { shared: { capacity: 5, refillPerSecond: 5 } },
      plan: { full: { deep: true }, for: () => ({ deep: false }) },
      notFoundCodes: ['WidgetNotFound'],
      client: async () => fixture.createClient,
      readers: async () => ({
        async read(ctx, refs) {
          const { readOne, mergeCollected, emptyCollected } = await import(
            '../../../../shared/inventory/live/context.js'
          );
          const client = ctx.clients.get(fixture.createClient);
          return mergeCollected(
            await Promise.all(
              refs.map((ref: ResourceRef) =>
                readOne(ref, async () => {
                  await ctx.call('GetWidget', ref.resourceId, () =>
                    client.send({ id: ref.resourceId } as never),
                  );
                  return emptyCollected();
                }),
              ),
            ),
          );
        },
        async sweep(ctx) {
          const { emptyCollected } = await import('../../../../shared/inventory/live/context.js');
          fixture.swept.push({ region: ctx.region, plan: ctx.plan });
          const client = ctx.clients.get(fixture.createClient);
          await ctx.call('ListWidgets', ctx.region, () => client.send({} as never));
          return {
            ...emptyCollected(),
            errors: [{ source: `api:ListWidgets ${ctx.region}`, message: 'page 2 broken' }],
          };
        },
      }),
    },
  };
  return { ...original, FAMILIES: [...original.FAMILIES, widgets] };
});

describe('the live source with a fixture family in the registry', () => {
  it('sweeps it with its own client, its part of the read plan, and reports what its readers found', async () => {
    // Prepare
    const source = createAwsInventorySource(createRegionalClients({ credentials: FAKE_CREDENTIALS }));

    // Act
    const result = await source.enumerate('eu-west-1', ['fixture']);

    // Assess
    expect(fixture.swept).toEqual([{ region: 'eu-west-1', plan: { deep: true } }]);
    expect(fixture.created).toHaveLength(1);
    expect(fixture.created[0]?.config.region).toBe('eu-west-1');
    expect(fixture.created[0]?.sent).toEqual([{}]);
    expect(result.errors).toEqual([{ source: 'api:ListWidgets eu-west-1', message: 'page 2 broken' }]);
  });

  it('routes a ref of its resource type to its reader, where its not-found code means gone', async () => {
    // Prepare
    const source = createAwsInventorySource(createRegionalClients({ credentials: FAKE_CREDENTIALS }));
    const ref: ResourceRef = {
      resourceType: fixture.type as never,
      resourceId: 'widget-gone',
      accountId: '111122223333',
      region: 'us-east-1',
    };

    // Act
    const result = await source.read([ref]);

    // Assess
    expect(result.gone).toEqual([ref]);
    expect(result.errors).toEqual([]);
    expect(fixture.created.at(-1)?.config.region).toBe('us-east-1');
  });

  it('paces its calls by the rate it documents and plans its reads with the others', () => {
    // Assess
    expect(DOCUMENTED_RATE_LIMITS.widgets).toEqual({ shared: { capacity: 5, refillPerSecond: 5 } });
    expect(FULL_READ_PLAN.fixture).toEqual({ deep: true });
  });
});
