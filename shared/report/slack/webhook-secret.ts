import { inspect } from 'node:util';
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

/**
 * The webhook setting is missing or does not hold a Slack incoming-webhook URL. Never carries the value.
 * @internal An error production throws; tests check for it with instanceof / toThrow.
 */
export class WebhookConfigError extends Error {
  override name = 'WebhookConfigError';
}

const REDACTED = '[redacted Slack webhook URL]';
const minted = Symbol('validated webhook URL');
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * A webhook URL that passed validation. The URL is the secret, so it is held in a private field and
 * prints, logs and serializes as a placeholder; only the delivery code asks for it.
 */
export class WebhookUrl {
  readonly #url: string;

  /** Use validateWebhookUrl (production) or localWebhookUrlForTests; the constructor is not public API. */
  constructor(token: symbol, url: URL) {
    if (token !== minted) throw new WebhookConfigError('a WebhookUrl comes from validateWebhookUrl');
    this.#url = url.href;
  }

  /** The URL to POST to. Never log it. */
  requestUrl(): string {
    return this.#url;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/**
 * Checks that a configured value is a Slack incoming-webhook URL: `https:`, host exactly hooks.slack.com,
 * no credentials or port, a path. `setting` names where the value came from; the error says which setting
 * is wrong and never repeats the value.
 * @internal Unit-tested directly: which webhook URLs are accepted.
 */
export function validateWebhookUrl(value: string, setting: string): WebhookUrl {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new WebhookConfigError(`${setting} does not hold a URL (expected https://hooks.slack.com/...)`);
  }
  const valid =
    url.protocol === 'https:' &&
    url.hostname === 'hooks.slack.com' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname.length > 1;
  if (!valid) {
    throw new WebhookConfigError(
      `${setting} does not hold a Slack incoming-webhook URL (expected https://hooks.slack.com/...)`,
    );
  }
  return new WebhookUrl(minted, url);
}

/**
 * Test-only: a WebhookUrl for a local stand-in of Slack. It accepts nothing but http on the loopback
 * interface, so production code that called it could not send anything anywhere.
 * @internal The tests' way to a local Slack stand-in (loopback http only).
 */
export function localWebhookUrlForTests(value: string): WebhookUrl {
  const url = new URL(value);
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new WebhookConfigError('localWebhookUrlForTests accepts only http://127.0.0.1 URLs');
  }
  return new WebhookUrl(minted, url);
}

/** The secret's text: a bare URL, or JSON {"webhookUrl": "..."}. */
function webhookUrlFromSecret(raw: unknown, setting: string): WebhookUrl {
  const text = (raw instanceof Uint8Array ? new TextDecoder().decode(raw) : String(raw ?? '')).trim();
  if (!text.startsWith('{')) return validateWebhookUrl(text, setting);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the input in its message: do not pass it on.
    throw new WebhookConfigError(`${setting} holds malformed JSON (expected {"webhookUrl": "https://..."})`);
  }
  const url = (parsed as { webhookUrl?: unknown }).webhookUrl;
  if (typeof url !== 'string') {
    throw new WebhookConfigError(`${setting} holds JSON without a "webhookUrl" string`);
  }
  return validateWebhookUrl(url, `${setting} (webhookUrl)`);
}

export interface WebhookUrlProviderOptions {
  /** A Secrets Manager secret holding the URL (SLACK_WEBHOOK_SECRET_ARN). */
  secretArn?: string;
  /** An SSM SecureString parameter holding the URL (SLACK_WEBHOOK_PARAMETER_NAME). */
  parameterName?: string;
  /** How long a fetched value is reused. Default 300 s. */
  maxAgeSeconds?: number;
}

/** Returns the validated webhook URL; `refresh` skips the cache (after a rotation, for instance). */
export type WebhookUrlProvider = (options?: { refresh?: boolean }) => Promise<WebhookUrl>;

/**
 * Reads the webhook URL from Secrets Manager or SSM Parameter Store (decrypted) through Powertools
 * parameters, cached for maxAgeSeconds, and validates it on every read. Exactly one of secretArn and
 * parameterName must be set; the environment holds only that name, never the URL. The provider of the one
 * set (and its SDK client) is imported on the first read: the function never loads the other, nor either at
 * start.
 */
export function createWebhookUrlProvider(options: WebhookUrlProviderOptions): WebhookUrlProvider {
  const maxAge = options.maxAgeSeconds ?? 300;
  let secrets: Promise<SecretsProvider> | undefined;
  let parameters: Promise<SSMProvider> | undefined;
  return async ({ refresh = false } = {}) => {
    const { secretArn, parameterName } = options;
    if (Boolean(secretArn) === Boolean(parameterName)) {
      throw new WebhookConfigError(
        'set exactly one of SLACK_WEBHOOK_SECRET_ARN (Secrets Manager) and SLACK_WEBHOOK_PARAMETER_NAME (SSM)',
      );
    }
    if (secretArn) {
      secrets ??= import('@aws-lambda-powertools/parameters/secrets').then(
        ({ SecretsProvider }) => new SecretsProvider(),
      );
      const raw = await (await secrets).get(secretArn, { maxAge, forceFetch: refresh });
      return webhookUrlFromSecret(raw, `secret ${secretArn}`);
    }
    parameters ??= import('@aws-lambda-powertools/parameters/ssm').then(
      ({ SSMProvider }) => new SSMProvider(),
    );
    const raw = await (await parameters).get(parameterName as string, {
      decrypt: true,
      maxAge,
      forceFetch: refresh,
    });
    return webhookUrlFromSecret(raw, `parameter ${parameterName}`);
  };
}
