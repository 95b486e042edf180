import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parsePolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';

/** Settings a function reads from its environment; validated once at cold start. */
const environmentSchema = z.object({
  AWS_REGION: z.string().min(1),
  TG_ACCOUNT_ID: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'),
  /** Comma-separated regions the sweep covers and events may name. */
  TG_REGIONS: z
    .string()
    .min(1)
    .transform((value) =>
      value
        .split(',')
        .map((region) => region.trim())
        .filter(Boolean),
    ),
  TG_FINDINGS_BUS: z.string().min(1),
  TG_TABLE_NAME: z.string().min(1),
  /** The role remediation runs as: the loop guard ignores its own changes. */
  TG_REMEDIATION_ROLE_ARN: z.string().startsWith('arn:').optional(),
  /** The session name of that role's changes: Lambda names an execution role's session after the function. */
  TG_REMEDIATION_SESSION_NAME: z.string().min(1).optional(),
  /** "true" | "false": overrides the policy file's dryRun at deploy time. */
  TG_DRY_RUN: z.enum(['true', 'false']).optional(),
  /** The SQS queue the remediate function drains (absent: actions are planned, never carried out). */
  TG_ACTIONS_QUEUE_URL: z.url().optional(),
  /** The SQS outbox the notify-slack function drains (absent: no Slack alerts). */
  TG_SLACK_OUTBOX_URL: z.url().optional(),
  /** The policy file bundled into the package. */
  TG_POLICY_FILE: z.string().min(1).optional(),
  LAMBDA_TASK_ROOT: z.string().optional(),
});

export interface FunctionConfig {
  region: string;
  accountId: string;
  regions: string[];
  findingsBus: string;
  tableName: string;
  remediationRoleArn?: string;
  remediationSessionName?: string;
  actionsQueueUrl?: string;
  slackOutboxUrl?: string;
  policy: Policy;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** Reads the environment and the bundled policy; throws naming the variable or policy field that is wrong. */
export function loadFunctionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`invalid function environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const policyFile =
    e.TG_POLICY_FILE ?? join(e.LAMBDA_TASK_ROOT ?? process.cwd(), 'transit-guard.policy.yml');
  const policy = parsePolicy(readFileSync(policyFile, 'utf8'), policyFile);
  return {
    region: e.AWS_REGION,
    accountId: e.TG_ACCOUNT_ID,
    regions: e.TG_REGIONS,
    findingsBus: e.TG_FINDINGS_BUS,
    tableName: e.TG_TABLE_NAME,
    ...(e.TG_REMEDIATION_ROLE_ARN ? { remediationRoleArn: e.TG_REMEDIATION_ROLE_ARN } : {}),
    ...(e.TG_REMEDIATION_SESSION_NAME ? { remediationSessionName: e.TG_REMEDIATION_SESSION_NAME } : {}),
    ...(e.TG_ACTIONS_QUEUE_URL ? { actionsQueueUrl: e.TG_ACTIONS_QUEUE_URL } : {}),
    ...(e.TG_SLACK_OUTBOX_URL ? { slackOutboxUrl: e.TG_SLACK_OUTBOX_URL } : {}),
    policy: e.TG_DRY_RUN ? { ...policy, dryRun: e.TG_DRY_RUN === 'true' } : policy,
  };
}
