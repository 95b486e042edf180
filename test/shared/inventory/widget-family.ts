/** A family the code does not know (one folder's worth), for tests that add it to the registry. */
import type { Family } from '../../../shared/families/index.js';
import { type PendingKind, pendingList } from '../../../shared/inventory/family-inputs.js';
import type { Resource } from '../../../shared/model/resource.js';
import { testFamily } from '../../helpers/families.js';

export const WIDGET = 'AWS::Fixture::Widget';

/** A resource of the fixture family (not in the model's union: the family is a test's). */
interface Widget {
  resourceType: typeof WIDGET;
  resourceId: string;
  tags: Record<string, string>;
  source: string;
  encrypted?: boolean;
  ports: number[];
  policy?: string;
}

const POLICIES: PendingKind<{ widgetId: string; policy: string }> = {
  key: 'widgetPolicies',
  label: 'widget policies',
};

/** Widgets: a describe output (Widgets), policies that link to them (WidgetPolicies), Config items. */
export const widgetFamily: Family = testFamily({
  id: 'widget',
  label: 'Fixture widgets',
  resourceTypes: [WIDGET as Resource['resourceType']],
  inputs: {
    formats: [
      {
        key: 'Widgets',
        format: 'fixture describe-widgets',
        read: (records, format, label, out) =>
          out.eachRecord(format, 'widget', records, (record) => {
            const widget: Widget = {
              resourceType: WIDGET,
              resourceId: record.string('WidgetId') ?? '',
              tags: {},
              source: label,
              encrypted: record.boolean('Encrypted'),
              ports: record.numbers('Ports') ?? [],
            };
            out.resources.push(widget as unknown as Resource);
          }),
      },
      {
        key: 'WidgetPolicies',
        format: 'fixture describe-widget-policies',
        read: (records, _format, _label, out) => {
          for (const record of records) {
            pendingList(out.pending, POLICIES).push({
              widgetId: record.string('WidgetId') ?? '',
              policy: record.string('Policy') ?? '',
            });
          }
        },
      },
    ],
    configItems: {
      [WIDGET]: ({ configuration, resourceId, label }) =>
        ({
          resourceType: WIDGET,
          resourceId: resourceId ?? '',
          tags: {},
          source: label,
          encrypted: configuration.boolean('Encrypted'),
          ports: configuration.numbers('Ports') ?? [],
        }) as unknown as Resource,
    },
    pending: [POLICIES],
    link: (resources, pending) => {
      const policies = new Map(pendingList(pending, POLICIES).map((entry) => [entry.widgetId, entry.policy]));
      const linked = new Map<Resource, Resource>();
      for (const resource of resources) {
        const policy = policies.get(resource.resourceId);
        if (resource.resourceType === (WIDGET as string) && policy) {
          linked.set(resource, { ...resource, policy } as unknown as Resource);
        }
      }
      return linked;
    },
    mergeLists: {
      [WIDGET]: (earlier, later, merged) => {
        const ports = new Set([
          ...(earlier as unknown as Widget).ports,
          ...(later as unknown as Widget).ports,
        ]);
        return { ...merged, ports: [...ports] } as unknown as Resource;
      },
    },
  },
});
