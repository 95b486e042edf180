import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  type ResourceType as ConfigResourceType,
  type ConfigServiceClient,
  GetResourceConfigHistoryCommand,
  PutEvaluationsCommand,
} from '@aws-sdk/client-config-service';
import { type ConfigRuleInvocation, parseConfigRuleInvocation } from '../events/config.js';
import { type ConfigurationItemSummary, invokingEventSchema } from '../events/schemas.js';
import { type ConfigRulePort, TEST_MODE_TOKEN } from '../usecase/config-rule.js';
import type { Observability } from './handler.js';

const BATCH_SIZE = 100; // PutEvaluations takes at most 100 evaluations per call

/** Validates the invocation; the item is decoded again here because the route keeps only its ref. */
export function parseConfigRuleEvent(event: unknown): {
  invocation: ConfigRuleInvocation;
  item?: ConfigurationItemSummary;
} {
  const invocation = parseConfigRuleInvocation(event);
  // Already validated by parseConfigRuleInvocation: this cannot throw.
  const decoded = invokingEventSchema.parse(JSON.parse((event as { invokingEvent: string }).invokingEvent));
  if (decoded.messageType === 'ConfigurationItemChangeNotification') {
    return { invocation, item: decoded.configurationItem };
  }
  if (decoded.messageType === 'OversizedConfigurationItemChangeNotification') {
    return { invocation, item: decoded.configurationItemSummary };
  }
  return { invocation };
}

/** AWS Config through the SDK: the latest item of an oversized notification, PutEvaluations 100 a call. */
export function configPort(config: ConfigServiceClient, { logger, metrics }: Observability): ConfigRulePort {
  return {
    async latestItem(resourceType, resourceId) {
      try {
        const input = { resourceType: resourceType as ConfigResourceType, resourceId, limit: 1 };
        return (await config.send(new GetResourceConfigHistoryCommand(input))).configurationItems?.[0];
      } catch (error) {
        // The live read still decides; only the capture time and status fall back to the summary.
        logger.warn('Could not read the configuration item of an oversized notification', {
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        return undefined;
      }
    },
    async putEvaluations(resultToken, evaluations) {
      const refused = [];
      for (let start = 0; start < evaluations.length; start += BATCH_SIZE) {
        const output = await config.send(
          new PutEvaluationsCommand({
            ResultToken: resultToken,
            Evaluations: evaluations.slice(start, start + BATCH_SIZE),
            ...(resultToken === TEST_MODE_TOKEN ? { TestMode: true } : {}),
          }),
        );
        refused.push(...(output.FailedEvaluations ?? []));
      }
      return refused;
    },
    resending: (keys) =>
      logger.warn('AWS Config refused some evaluations: sending them again', { refused: keys }),
    refusedTwice: (count) => metrics.addMetric('RefusedConfigEvaluations', MetricUnit.Count, count),
  };
}
