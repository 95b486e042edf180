import type { OwnIdentity } from '../events/loop-guard.js';
import type { InventorySource } from '../inventory/live/port.js';
import type { Policy } from '../policy/schema.js';
import type { FindingMessage } from '../report/findings-bus.js';
import type { AnyRule } from '../rules/rule.js';
import type { CertificateUsers } from '../state/certificate-users.js';
import type { ChangeLedger } from '../state/change-ledger.js';
import type { FindingStore } from '../state/finding-store.js';
import type { ActionQueue } from './actions.js';
import type { SlackOutbox } from './alerts.js';

/** Everything a use case needs from the outside, as ports: Lambda, the CLI and tests each wire their own. */
export interface MonitorDeps {
  source: InventorySource;
  findings: FindingStore;
  /**
   * Puts findings and resolutions on the findings bus. Resolves with the messages (the same objects) the bus
   * still refused after its retries, or nothing when all were put; throws when none could be (or when it
   * cannot tell which): the outbox then keeps every one of them owed.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a port that reports no refusals stays `async () => {}`
  publish: (messages: FindingMessage[]) => Promise<void | readonly FindingMessage[]>;
  policy: Policy;
  rules: readonly AnyRule[];
  now: () => Date;
  /** Only resources of this account and these regions are acted on; events about others are ignored. */
  scope: { accountId?: string; regions?: readonly string[] };
  /** The role transit-guard acts with: its own changes are not acted on again. */
  ownIdentity?: OwnIdentity;
  /** Slack alerts (absent in the CLI). */
  outbox?: SlackOutbox;
  /** Planned remediation and block actions, carried out by the remediate function (absent in the CLI). */
  actions?: ActionQueue;
  /** One inspection per change across CloudTrail, Config events and the Config rule (absent in the CLI). */
  changes?: ChangeLedger;
  /**
   * The certificate users the fanned-out sweep recorded (state/certificate-users.ts): an inspected certificate is
   * judged with them, as the sweep judges it (absent in the CLI, whose inputs show the users).
   */
  certificateUsers?: Pick<CertificateUsers, 'usersOf'>;
}
