import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import * as z from 'zod';
import { PolicyError, policyFromYamlDocument, validatePolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';

/**
 * An SSM parameter name (/path/name) or ARN (arn:aws:ssm:region:account:parameter/path/name). A parameter shared
 * from another account is read by its full ARN: https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html
 */
const SSM_PARAMETER = /^(\/|arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/)/;
const SSM_PARAMETER_MESSAGE =
  'expected a parameter name starting with / or an arn:...:ssm:...:parameter/ ARN';

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
  /** The SQS work queue of the fanned-out sweep (absent: the scheduled sweep reads everything in one invocation). */
  TG_SWEEP_QUEUE_URL: z.url().optional(),
  /** Whether the sweep publishes its KPIs as metrics (default true; the stack sets it with param kpiDashboard). */
  TG_KPI_METRICS: z.enum(['true', 'false']).optional(),
  /** The organization Config aggregator the security account's sweep queries (absent: the account's own sweep). */
  TG_CONFIG_AGGREGATOR: z
    .string()
    .regex(/^[\w-]{1,256}$/, 'expected a Config aggregator name ([w-], at most 256)')
    .optional(),
  /**
   * The SSM parameter remediate reads before acting: the emergency switch (absent: remediate never acts). A name,
   * or the full ARN of an organization-wide switch shared from another account (AWS RAM needs the ARN).
   */
  TG_REMEDIATION_SWITCH: z.string().regex(SSM_PARAMETER, SSM_PARAMETER_MESSAGE).optional(),
  /** The SSM parameter holding the policy layers (absent: the packaged policy); a name or a shared ARN. */
  TG_POLICY_PARAMETER: z.string().regex(SSM_PARAMETER, SSM_PARAMETER_MESSAGE).optional(),
  /**
   * The OU the stack was deployed to (a StackSets parameter), for the OU layer of TG_POLICY_PARAMETER. Pattern
   * from https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html
   */
  TG_ORGANIZATIONAL_UNIT: z
    .string()
    .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'expected an OU id, ou-<root>-<suffix>')
    .optional(),
  /** The policy file; default: the package's transit-guard.policy.json. A .json file, or .yml/.yaml from the sources. */
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
  /** The fanned-out sweep's work queue (planner and worker). */
  sweepQueueUrl?: string;
  /**
   * False: the sweep publishes no Kpi_<key> metrics (TG_KPI_METRICS; absent: it does). The stack sets it with the
   * KPI dashboard (param kpiDashboard): metrics nobody draws would be a monthly cost (bench/README.md, cost).
   */
  kpiMetrics?: false;
  /** The organization Config aggregator (security account: the sweep queries it instead of reading the account). */
  configAggregator?: string;
  /** The emergency switch's SSM parameter name or ARN (remediate only). */
  remediationSwitchParameter?: string;
  /** The packaged policy (with TG_DRY_RUN applied): the fallback when a policy parameter is unreadable. */
  policy: Policy;
  /** Where the current policy comes from when it is not the packaged one (shared/lambda/policy-parameter.ts). */
  policyParameter?: { name: string; organizationalUnit?: string; dryRun?: boolean };
}

/** @internal An error production throws; tests check for it with instanceof / toThrow. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * The policy each function package carries: transit-guard.policy.yml, validated and written as JSON when the
 * stack is packaged (infra/esbuild-plugins.cjs), so that the function bundles need no YAML parser.
 */
const PACKAGED_POLICY_FILE = 'transit-guard.policy.json';

/**
 * The yaml package, loaded only for a .yml/.yaml TG_POLICY_FILE (tests and local runs from the sources). The
 * name is not a literal esbuild can follow, so the function bundles leave the parser out; there, a YAML policy
 * file is a ConfigurationError.
 */
const YAML_PACKAGE: string = 'yaml';
const requireFromHere = createRequire(import.meta.url);

function loadYaml(file: string): typeof import('yaml') {
  try {
    return requireFromHere(YAML_PACKAGE) as typeof import('yaml');
  } catch {
    throw new ConfigurationError(
      `cannot read the YAML policy file ${file}: the function bundles carry no YAML parser; point TG_POLICY_FILE at a JSON policy (npm run package writes ${PACKAGED_POLICY_FILE} into each package)`,
    );
  }
}

/** The policy file, JSON (or YAML by its extension), validated with the policy schema. */
function readPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `cannot read the policy file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const extension = extname(file).toLowerCase();
  try {
    if (extension === '.yml' || extension === '.yaml')
      return policyFromYamlDocument(loadYaml(file).parseDocument(text), file);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new ConfigurationError(`Invalid policy file ${file}: not JSON (${(error as Error).message})`);
    }
    return validatePolicy(document, file);
  } catch (error) {
    // The message names the file and every field that is wrong (PolicyError's).
    if (error instanceof PolicyError) throw new ConfigurationError(error.message, { cause: error });
    throw error;
  }
}

/** Reads the environment and the packaged policy; throws naming the variable or policy field that is wrong. */
export function loadFunctionConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`invalid function environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const policy = readPolicy(
    e.TG_POLICY_FILE ?? join(e.LAMBDA_TASK_ROOT ?? process.cwd(), PACKAGED_POLICY_FILE),
  );
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
    ...(e.TG_SWEEP_QUEUE_URL ? { sweepQueueUrl: e.TG_SWEEP_QUEUE_URL } : {}),
    ...(e.TG_KPI_METRICS === 'false' ? { kpiMetrics: false as const } : {}),
    ...(e.TG_CONFIG_AGGREGATOR ? { configAggregator: e.TG_CONFIG_AGGREGATOR } : {}),
    ...(e.TG_REMEDIATION_SWITCH ? { remediationSwitchParameter: e.TG_REMEDIATION_SWITCH } : {}),
    ...(e.TG_POLICY_PARAMETER
      ? {
          policyParameter: {
            name: e.TG_POLICY_PARAMETER,
            ...(e.TG_ORGANIZATIONAL_UNIT ? { organizationalUnit: e.TG_ORGANIZATIONAL_UNIT } : {}),
            ...(e.TG_DRY_RUN ? { dryRun: e.TG_DRY_RUN === 'true' } : {}),
          },
        }
      : {}),
    policy: e.TG_DRY_RUN ? { ...policy, dryRun: e.TG_DRY_RUN === 'true' } : policy,
  };
}
