import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `drop` closes the connection without answering (a network error). */
export interface SlackAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  drop?: boolean;
  /** Answer only after this long (a slow Slack, for timeouts). */
  delayMs?: number;
}

/** Answers as Slack documents them (../shared/corpus/slack-limits.md). */
export const SLACK = {
  ok: { status: 200, body: 'ok' },
  invalidPayload: { status: 400, body: 'invalid_payload' },
  actionProhibited: { status: 403, body: 'action_prohibited' },
  noService: { status: 404, body: 'no_service' },
  channelNotFound: { status: 404, body: 'channel_not_found' },
  channelIsArchived: { status: 410, body: 'channel_is_archived' },
  rateLimited: (retryAfterSeconds: number): SlackAnswer => ({
    status: 429,
    body: 'rate_limited',
    headers: { 'retry-after': String(retryAfterSeconds) },
  }),
  rollupError: { status: 500, body: 'rollup_error' },
  drop: { status: 0, drop: true },
} satisfies Record<string, SlackAnswer | ((seconds: number) => SlackAnswer)>;

interface ReceivedRequest {
  /** performance.now() when the request arrived. */
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SlackServer {
  /** A webhook URL on this server, shaped like Slack's: http://127.0.0.1:<port>/services/T.../B.../<secret>. */
  webhookUrl: string;
  requests: ReceivedRequest[];
  stop(): Promise<void>;
}

/**
 * A stand-in for Slack's incoming-webhook endpoint on 127.0.0.1, started by the test. It gives the
 * scripted answers in order, then 200 ok, and records every request with its arrival time.
 */
export async function startSlackServer(script: readonly SlackAnswer[] = []): Promise<SlackServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = requests.length;
      requests.push({
        at: performance.now(),
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer: SlackAnswer = script[index] ?? SLACK.ok;
      const reply = () => {
        if (answer.drop) {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8', ...answer.headers });
        response.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/services/T0TESTTEAM/B0TESTHOOK/plantedWebhookSecret0123456789`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
