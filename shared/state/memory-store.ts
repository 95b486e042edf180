import { severityRank } from '../model/evaluation.js';
import type { FindingRecord, FindingStore } from './finding-store.js';

/** The finding store for the CLI and tests: same contract as the DynamoDB one, kept in memory. */
export function createMemoryFindingStore(initial: readonly FindingRecord[] = []): FindingStore & {
  all(): FindingRecord[];
} {
  const records = new Map(initial.map((record) => [record.findingId, structuredClone(record)]));
  return {
    async get(findingId) {
      const record = records.get(findingId);
      return record ? structuredClone(record) : undefined;
    },
    async listByResource(resourceId) {
      return [...records.values()].filter((r) => r.resourceId === resourceId).map((r) => structuredClone(r));
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
    async put(record, expectedVersion) {
      if ((records.get(record.findingId)?.version ?? 0) !== expectedVersion) return false;
      records.set(record.findingId, structuredClone(record));
      return true;
    },
    all: () => [...records.values()].map((r) => structuredClone(r)),
  };
}
