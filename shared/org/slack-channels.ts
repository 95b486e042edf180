import { createWebhookUrlProvider, type WebhookUrlProvider } from '../report/slack/webhook-secret.js';
import { parseSlackRoutes } from './config.js';

/**
 * The central notify-slack function's channels: one webhook provider per secret the routes name, made on first
 * use. Only the routes' channels are served: a queued message cannot make the function read any other secret.
 */
export function routedChannels(routesJson: string): (channel: string) => WebhookUrlProvider | undefined {
  const allowed = new Set(parseSlackRoutes(routesJson).map((route) => route.channel));
  const providers = new Map<string, WebhookUrlProvider>();
  return (channel) => {
    if (!allowed.has(channel)) return undefined;
    let provider = providers.get(channel);
    if (!provider) {
      provider = createWebhookUrlProvider({ secretArn: channel });
      providers.set(channel, provider);
    }
    return provider;
  };
}
