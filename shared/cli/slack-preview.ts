import { createFileInventorySource } from '../inventory/file-source.js';
import type { Inventory } from '../inventory/types.js';
import type { Policy } from '../policy/schema.js';
import type { SlackPayload } from '../report/slack/payload.js';
import { RULES } from '../rules/index.js';
import { createMemoryFindingStore } from '../state/memory-store.js';
import type { MonitorDeps } from '../usecase/deps.js';
import { sweep } from '../usecase/sweep.js';

export interface SlackPreviewInput {
  inventory: Inventory;
  policy: Policy;
  now: Date;
}

/**
 * The Block Kit messages the deployed stack would post for these resources, as a JSON array: the inputs are
 * run through the same sweep the scheduled Lambda runs, with an empty finding store and a Slack outbox that
 * only collects. So the preview follows `slack.minSeverity` and the digest rules by construction: an empty
 * store is a first sweep, which posts one digest instead of one message per finding. Paste any element into
 * Slack's Block Kit Builder.
 */
export async function renderSlackPreview({ inventory, policy, now }: SlackPreviewInput): Promise<string> {
  const messages: SlackPayload[] = [];
  const deps: MonitorDeps = {
    source: createFileInventorySource(inventory),
    findings: createMemoryFindingStore(),
    publish: async () => {},
    policy,
    rules: RULES,
    now: () => now,
    // The files are the user's: no account or region is out of scope.
    scope: {},
    outbox: {
      enqueue: async (payloads) => {
        messages.push(...payloads);
      },
    },
  };
  // The file source lists a resource without a region in every region: one pass is enough for those.
  const named = [...new Set(inventory.resources.flatMap((r) => (r.region ? [r.region] : [])))].sort();
  const regions = named.length > 0 ? named : ['(no region)'];
  await sweep(deps, { sweepId: 'slack-preview', regions });
  return `${JSON.stringify(messages, null, 2)}\n`;
}
