import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { configServiceClient } from '../aws/config-client.js';
import { configKeyOf, configRule } from '../usecase/config-rule.js';
import { loadFunctionConfig } from './config.js';
import { configPort, parseConfigRuleEvent } from './config-rule-wiring.js';
import { InventoryReadError } from './event-function.js';
import { createHandler, createObservability } from './handler.js';
import { INSPECTOR_WIRING } from './inspector-wiring.js';
import { createRuntime, type Runtime } from './wiring.js';

const LOGGED_RESOURCES = 50;

/** The custom AWS Config rule (shared/usecase/config-rule.ts): reports one evaluation per resource to Config. */
export function createConfigRuleFunction(options: { runtime?: () => Runtime } = {}) {
  const observability = createObservability('config-rule');
  const { logger, metrics } = observability;
  let runtime: Runtime | undefined;
  return createHandler({
    name: 'config-rule',
    observability,
    parse: parseConfigRuleEvent,
    async handle({ invocation, item }) {
      runtime ??= options.runtime ? options.runtime() : createRuntime(loadFunctionConfig(), INSPECTOR_WIRING);
      await runtime.refreshPolicy(observability);
      // The handler logged the result token as the id; the derived id is stable and shorter.
      logger.appendKeys({
        eventId: invocation.eventId,
        configRule: invocation.configRuleName,
        messageType: invocation.messageType,
        ...(item ? { resourceType: item.resourceType, resourceId: item.resourceId } : {}),
      });
      const config = configPort(
        runtime.clientsFor(invocation.region).get(configServiceClient),
        observability,
      );
      const { summary, evaluations, errors } = await configRule(invocation, item, runtime.deps(), config);
      // No per-invocation metric: the "Config rule evaluated" log line counts them (bench/README.md, cost model).
      logger.info('Config rule evaluated', {
        ...summary,
        resources: evaluations.slice(0, LOGGED_RESOURCES).map(configKeyOf),
      });
      if (errors.length > 0) {
        metrics.addMetric('UnreadableResources', MetricUnit.Count, errors.length);
        logger.error('Some resources could not be read', { errors });
        throw new InventoryReadError(errors.map((e) => `${e.source}: ${e.message}`).join('; '));
      }
      return summary;
    },
  });
}
