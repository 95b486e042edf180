import {
  type AwsSecurityFinding,
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { type AsffFinding, asffFinding } from '../report/asff.js';
import { findRule } from '../rules/index.js';
import type { CentralFinding } from './central-table.js';

/**
 * The organization's findings in AWS Security Hub, imported by the central (security) account.
 *
 * Facts (API reference, https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html,
 * and the partner guide, https://docs.aws.amazon.com/securityhub/latest/partnerguide/guidelines-batchimportfindings.html):
 * - at most 100 findings per call (240 KB each, 6 MB a call); FailedFindings lists each refused one
 *   (Id, ErrorCode, ErrorMessage); throttle 10 TPS with a burst of 30 (the SDK's adaptive retries pace it);
 * - with the default product ARN, the calling account must be the finding's AwsAccountId: the central account
 *   files every finding under its OWN account, and the member account and region are in the Id,
 *   ProductFields and the resource ARN;
 * - after a finding is created, BatchImportFindings cannot update Workflow (nor, as a provider, Severity or
 *   Types: FindingProviderFields carries those): a fixed finding is imported with Compliance PASSED and
 *   RecordState ARCHIVED, then BatchUpdateFindings (at most 100 FindingIdentifiers a call,
 *   https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchUpdateFindings.html) sets Workflow RESOLVED.
 *   Security Hub itself resets Workflow to NEW when the finding comes back (API_Workflow.html).
 */
const MAX_IMPORT = 100;
const MAX_UPDATE = 100;

/** What the export imports: the CLI's ASFF mapping, plus what a provider updates a finding's severity with. */
export interface CentralAsffFinding extends AsffFinding {
  FindingProviderFields: { Severity: AsffFinding['Severity']; Types: string[] };
}

export interface CentralAccount {
  accountId: string;
  region: string;
}

/** The product the central account imports as: its own default (custom integration) product. */
const productArnOf = ({ accountId, region }: CentralAccount) =>
  `arn:aws:securityhub:${region}:${accountId}:product/${accountId}/default`;

/**
 * A central record as the finding Security Hub keeps for it. The Id is the member's (account, region, finding),
 * so every update and the fix land on the same finding; CreatedAt is when it was first seen, UpdatedAt the
 * event's time.
 */
export function securityHubFinding(record: CentralFinding, central: CentralAccount): CentralAsffFinding {
  const evaluation = {
    ...record.evaluation,
    accountId: record.accountId,
    region: record.region,
    findingId: record.findingId,
  };
  const resolved = record.state === 'resolved';
  const finding = asffFinding(
    // A deleted resource's resolution (NOT_APPLICABLE) passes too: the finding is over.
    resolved ? { ...evaluation, status: 'COMPLIANT' } : evaluation,
    findRule(record.ruleId),
    record.observedAt,
    { productArn: productArnOf(central) },
  );
  return {
    ...finding,
    AwsAccountId: central.accountId,
    Region: central.region,
    CreatedAt: record.firstSeenAt,
    UpdatedAt: record.observedAt,
    ProductFields: {
      ...finding.ProductFields,
      'transit-guard/account': record.accountId,
      'transit-guard/region': record.region,
      'transit-guard/resourceType': record.resourceType,
    },
    FindingProviderFields: { Severity: finding.Severity, Types: finding.Types },
    Compliance: { ...finding.Compliance, Status: resolved ? 'PASSED' : 'FAILED' },
    Workflow: { Status: resolved ? 'RESOLVED' : 'NEW' },
    RecordState: resolved ? 'ARCHIVED' : 'ACTIVE',
  };
}

interface ExportFailure {
  id: string;
  errorCode: string;
  errorMessage?: string;
}

export interface ExportResult {
  /** Ids imported (and, for archived ones, resolved). */
  exported: string[];
  /** Ids still refused after the retries: they stay owed in the central table. */
  failed: ExportFailure[];
}

export interface ExportOptions {
  /** Attempts for findings Security Hub refuses (FailedFindings / UnprocessedFindings). Default 3. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** A call that failed as a whole (throttled past the SDK's retries, access denied): each of its findings failed. */
const callFailure = (ids: readonly string[], error: unknown): ExportFailure[] =>
  ids.map((id) => ({
    id,
    errorCode: error instanceof Error ? error.name : 'Error',
    ...(error instanceof Error ? { errorMessage: error.message } : {}),
  }));

/**
 * Imports findings in calls of at most 100 and sends again only the ones refused (up to maxAttempts, with a
 * growing wait); then sets Workflow RESOLVED on the archived ones that were imported. Whatever is still
 * refused is returned, never thrown away: the caller keeps it owed and fails, so the event is retried.
 */
export async function exportToSecurityHub(
  client: SecurityHubClient,
  findings: readonly CentralAsffFinding[],
  options: ExportOptions = {},
): Promise<ExportResult> {
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  const failures = new Map<string, ExportFailure>();

  let pending = [...findings];
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(500 * 2 ** (attempt - 2));
    const refused: CentralAsffFinding[] = [];
    for (const batch of chunks(pending, MAX_IMPORT)) {
      const byId = new Map(batch.map((finding) => [finding.Id, finding]));
      try {
        const output = await client.send(
          new BatchImportFindingsCommand({
            // The partition comes from the resource ARN (aws, aws-cn, aws-us-gov): the SDK's Partition enum.
            Findings: batch as unknown as AwsSecurityFinding[],
          }),
        );
        for (const id of byId.keys()) failures.delete(id);
        for (const failed of output.FailedFindings ?? []) {
          const finding = failed.Id ? byId.get(failed.Id) : undefined;
          if (!finding) continue;
          refused.push(finding);
          failures.set(finding.Id, {
            id: finding.Id,
            errorCode: failed.ErrorCode ?? 'Unknown',
            ...(failed.ErrorMessage ? { errorMessage: failed.ErrorMessage } : {}),
          });
        }
      } catch (error) {
        refused.push(...batch);
        for (const failure of callFailure([...byId.keys()], error)) failures.set(failure.id, failure);
      }
    }
    pending = refused;
  }

  let toResolve = findings.filter(
    (finding) => finding.RecordState === 'ARCHIVED' && !failures.has(finding.Id),
  );
  for (let attempt = 1; attempt <= maxAttempts && toResolve.length > 0; attempt++) {
    if (attempt > 1) await sleep(500 * 2 ** (attempt - 2));
    const unprocessed: CentralAsffFinding[] = [];
    for (const batch of chunks(toResolve, MAX_UPDATE)) {
      const byId = new Map(batch.map((finding) => [finding.Id, finding]));
      try {
        const output = await client.send(
          new BatchUpdateFindingsCommand({
            FindingIdentifiers: batch.map((finding) => ({ Id: finding.Id, ProductArn: finding.ProductArn })),
            Workflow: { Status: 'RESOLVED' },
          }),
        );
        for (const id of byId.keys()) failures.delete(id);
        for (const failed of output.UnprocessedFindings ?? []) {
          const finding = failed.FindingIdentifier?.Id ? byId.get(failed.FindingIdentifier.Id) : undefined;
          if (!finding) continue;
          unprocessed.push(finding);
          failures.set(finding.Id, {
            id: finding.Id,
            errorCode: failed.ErrorCode ?? 'Unknown',
            ...(failed.ErrorMessage ? { errorMessage: failed.ErrorMessage } : {}),
          });
        }
      } catch (error) {
        unprocessed.push(...batch);
        for (const failure of callFailure([...byId.keys()], error)) failures.set(failure.id, failure);
      }
    }
    toResolve = unprocessed;
  }

  return {
    exported: findings.map((finding) => finding.Id).filter((id) => !failures.has(id)),
    failed: [...failures.values()],
  };
}
