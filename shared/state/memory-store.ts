import { severityRank } from '../model/evaluation.js';
import type { FindingRecord, FindingStore } from './finding-store.js';

/** The finding store for the CLI and tests: same contract as the DynamoDB one, kept in memory. */
export function createMemoryFindingStore(initial: readonly FindingRecord[] = []): FindingStore & {
  all(): FindingRecord[];
} {
  const records = new Map<string, FindingRecord>();
  /** The same records by resource, so that listing a resource's findings does not scan them all (a large scan). */
  const byResource = new Map<string, Map<string, FindingRecord>>();
  const store = (record: FindingRecord) => {
    const copy = structuredClone(record);
    records.set(copy.findingId, copy);
    let ofResource = byResource.get(copy.resourceId);
    if (!ofResource) {
      ofResource = new Map();
      byResource.set(copy.resourceId, ofResource);
    }
    ofResource.set(copy.findingId, copy);
  };
  for (const record of initial) store(record);
  return {
    async get(findingId) {
      const record = records.get(findingId);
      return record ? structuredClone(record) : undefined;
    },
    async listByResource(resourceId) {
      return [...(byResource.get(resourceId)?.values() ?? [])].map((r) => structuredClone(r));
    },
    async listOpen(limit) {
      const open = [...records.values()]
        .filter((r) => r.state === 'open')
        .sort(
          (a, b) =>
            severityRank(b.severity) - severityRank(a.severity) || a.findingId.localeCompare(b.findingId),
        );
      return (limit === undefined ? open : open.slice(0, limit)).map((r) => structuredClone(r));
    },
    async listOpenAt(region, resourceType) {
      return [...records.values()]
        .filter((r) => r.state === 'open' && r.region === region && r.resourceType === resourceType)
        .sort((a, b) => a.findingId.localeCompare(b.findingId))
        .map((r) => structuredClone(r));
    },
    async listPending(limit) {
      const oldest = (r: FindingRecord) => `${r.pending?.[0]?.at}#${r.findingId}`;
      const pending = [...records.values()]
        .filter((r) => r.pending && r.pending.length > 0)
        .sort((a, b) => oldest(a).localeCompare(oldest(b)));
      return (limit === undefined ? pending : pending.slice(0, limit)).map((r) => structuredClone(r));
    },
    async put(record, expectedVersion) {
      if ((records.get(record.findingId)?.version ?? 0) !== expectedVersion) return false;
      store(record);
      return true;
    },
    all: () => [...records.values()].map((r) => structuredClone(r)),
  };
}
