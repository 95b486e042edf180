import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookUrlProvider,
  localWebhookUrlForTests,
  validateWebhookUrl,
  WebhookConfigError,
  WebhookUrl,
} from '../../../../shared/report/slack/webhook-secret.js';

const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:transit-guard/slack-webhook-AbCdEf';
const PARAMETER = '/transit-guard/slack-webhook';
const WEBHOOK = 'https://hooks.slack.com/services/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6789';

async function refusal(promise: Promise<unknown>): Promise<WebhookConfigError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookConfigError);
  return error as WebhookConfigError;
}

describe('validateWebhookUrl', () => {
  it('accepts an https URL on hooks.slack.com', () => {
    // Act
    const webhook = validateWebhookUrl(WEBHOOK, 'secret x');

    // Assess
    expect(webhook.requestUrl()).toBe(WEBHOOK);
  });

  it.each([
    ['plain http', 'http://hooks.slack.com/services/T/B/secretvalue'],
    ['a look-alike host', 'https://hooks.slack.com.evil.example/services/T/B/secretvalue'],
    ['another host with the Slack path', 'https://evil.example/hooks.slack.com/services/T/B/secretvalue'],
    ['a subdomain', 'https://x.hooks.slack.com/services/T/B/secretvalue'],
    ['credentials in the URL', 'https://user:secretvalue@hooks.slack.com/services/T/B/x'],
    ['a port', 'https://hooks.slack.com:8443/services/T/B/secretvalue'],
    ['no path', 'https://hooks.slack.com/'],
    ['not a URL', 'secretvalue-not-a-url'],
  ])('refuses %s, naming the setting and not the value', (_case, value) => {
    // Act
    const act = () => validateWebhookUrl(value, `secret ${SECRET_ARN}`);

    // Assess
    expect(act).toThrow(WebhookConfigError);
    expect(act).toThrow(SECRET_ARN);
    expect(act).not.toThrow(/secretvalue/);
  });
});

describe('WebhookUrl', () => {
  it('never prints, logs or serializes the URL', () => {
    // Prepare
    const webhook = validateWebhookUrl(WEBHOOK, 'secret x');

    // Act
    const shown = [String(webhook), JSON.stringify({ webhook }), inspect(webhook), `${webhook}`];

    // Assess
    for (const text of shown) {
      expect(text).toContain('[redacted Slack webhook URL]');
      expect(text).not.toContain('s3cr3t');
    }
  });

  it('cannot be constructed around validation', () => {
    // Act
    const act = () => new WebhookUrl(Symbol('validated webhook URL'), new URL('https://evil.example/'));

    // Assess
    expect(act).toThrow(WebhookConfigError);
  });
});

describe('localWebhookUrlForTests', () => {
  it('accepts only http on the loopback interface', () => {
    // Act
    const local = localWebhookUrlForTests('http://127.0.0.1:8080/services/T/B/x');
    const remote = () => localWebhookUrlForTests('http://evil.example/services/T/B/x');
    const https = () => localWebhookUrlForTests('https://hooks.slack.com/services/T/B/x');

    // Assess
    expect(local.requestUrl()).toBe('http://127.0.0.1:8080/services/T/B/x');
    expect(remote).toThrow(WebhookConfigError);
    expect(https).toThrow(WebhookConfigError);
  });
});

describe('createWebhookUrlProvider', () => {
  afterEach(() => {
    secretsManager.reset();
    ssm.reset();
  });

  it('reads a plain URL from Secrets Manager and validates it', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: `${WEBHOOK}\n` });
    const provider = createWebhookUrlProvider({ secretArn: SECRET_ARN });

    // Act
    const webhook = await provider();

    // Assess
    expect(webhook.requestUrl()).toBe(WEBHOOK);
    expect(secretsManager).toReceiveCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
  });

  it('reads {"webhookUrl": ...} JSON from Secrets Manager', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ webhookUrl: WEBHOOK, channel: '#security' }) });

    // Act
    const webhook = await createWebhookUrlProvider({ secretArn: SECRET_ARN })();

    // Assess
    expect(webhook.requestUrl()).toBe(WEBHOOK);
  });

  it('reads a SecureString parameter decrypted', async () => {
    // Prepare
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: PARAMETER, Type: 'SecureString', Value: WEBHOOK } });

    // Act
    const webhook = await createWebhookUrlProvider({ parameterName: PARAMETER })();

    // Assess
    expect(webhook.requestUrl()).toBe(WEBHOOK);
    expect(ssm).toReceiveCommandWith(GetParameterCommand, { Name: PARAMETER, WithDecryption: true });
  });

  it('caches the value for maxAgeSeconds and fetches again when asked to refresh', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: WEBHOOK });
    const provider = createWebhookUrlProvider({ secretArn: SECRET_ARN, maxAgeSeconds: 300 });

    // Act
    await provider();
    await provider();
    await provider({ refresh: true });

    // Assess
    expect(secretsManager).toReceiveCommandTimes(GetSecretValueCommand, 2);
  });

  it('refuses a secret that is not a Slack webhook without repeating it', async () => {
    // Prepare
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: 'https://collector.evil.example/s3cr3t' });

    // Act
    const error = await refusal(createWebhookUrlProvider({ secretArn: SECRET_ARN })());

    // Assess
    expect(error.message).toContain(`secret ${SECRET_ARN}`);
    expect(error.message).not.toContain('s3cr3t');
    expect(inspect(error)).not.toContain('s3cr3t');
  });

  it.each([
    ['malformed JSON', '{"webhookUrl": "https://hooks.slack.com/services/s3cr3t"'],
    ['JSON without webhookUrl', '{"url": "https://hooks.slack.com/services/T/B/s3cr3t"}'],
    ['an empty secret', ''],
  ])('refuses %s without repeating it', async (_case, secret) => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: secret });

    // Act
    const error = await refusal(createWebhookUrlProvider({ secretArn: SECRET_ARN })());

    // Assess
    expect(error.message).toContain(SECRET_ARN);
    expect(inspect(error)).not.toContain('s3cr3t');
  });

  it.each([
    ['neither setting', {}],
    ['both settings', { secretArn: SECRET_ARN, parameterName: PARAMETER }],
  ])('refuses %s, naming the environment variables', async (_case, options) => {
    // Act
    const error = await refusal(createWebhookUrlProvider(options)());

    // Assess
    expect(error.message).toContain('SLACK_WEBHOOK_SECRET_ARN');
    expect(error.message).toContain('SLACK_WEBHOOK_PARAMETER_NAME');
  });
});
