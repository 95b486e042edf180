import type { UpdateDistributionCommandInput } from '@aws-sdk/client-cloudfront';
import type { JsonObject } from '../../inventory/fields.js';
import { type CommandSender, writeCommand } from '../../response/calls.js';
import { restoreHeaderValues } from './headers.js';

/** CloudFront's answer when IfMatch is not the distribution's current ETag (API_UpdateDistribution errors). */
const PRECONDITION_FAILED = 'PreconditionFailed';

class ChangedMeanwhile extends Error {
  override name = PRECONDITION_FAILED;
}

/**
 * The planned DistributionConfig with its hidden custom header values (headers.ts) filled in from a
 * GetDistribution read now (the read the live inventory makes, so remediation needs no other permission); a
 * different ETag means the distribution changed since the plan: no write.
 */
async function withHeaderValues(input: Record<string, unknown>, client: CommandSender) {
  const { GetDistributionCommand } = await import('./client.js');
  const fresh = (await client.send(new GetDistributionCommand({ Id: String(input.Id) }))) as {
    ETag?: string;
    Distribution?: { DistributionConfig?: JsonObject };
  };
  const config = fresh.Distribution?.DistributionConfig;
  if (fresh.ETag !== input.IfMatch || !config) {
    throw new ChangedMeanwhile(`ETag ${fresh.ETag ?? 'none'} read now, ${String(input.IfMatch)} planned`);
  }
  return {
    ...input,
    DistributionConfig: restoreHeaderValues(input.DistributionConfig as JsonObject, config),
  };
}

/** The write call CloudFront remediation makes: the whole DistributionConfig back, with the ETag just read. */
export const CLOUDFRONT_COMMANDS = {
  UpdateDistribution: writeCommand<UpdateDistributionCommandInput>({
    service: 'cloudfront',
    iamAction: 'cloudfront:UpdateDistribution',
    // IfMatch is not the distribution's ETag any more: someone changed it since it was read. No retry: the next
    // read judges (and plans for) the new configuration.
    conflictError: {
      name: PRECONDITION_FAILED,
      note: 'the distribution changed meanwhile (its ETag is no longer the one read); nothing was written, the next read judges the new configuration',
    },
    complete: withHeaderValues,
    load: async () => (await import('./client.js')).UpdateDistributionCommand,
  }),
};
