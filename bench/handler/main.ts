/**
 * bench/handler: warm invocations of the CloudTrail handler (functions/on-api-call) on 10,000 routed events,
 * with the AWS clients answering at once (aws-sdk-client-mock) and DynamoDB mocked: p50 and p99 per event,
 * and RSS after 1k, 5k and 10k events. Runs bench/handler/invoke.ts in a fresh child process (its stdout,
 * the functions' own logs and metrics, is discarded).
 *
 *   node --import tsx bench/handler/main.ts [events]
 *
 * The last line printed is the figures as JSON (for bench/run.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { HandlerFigures } from './invoke.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const P99_TARGET_MS = 5;
/** Events before memory counts: the first RSS sample compared is the one after these. */
const MEMORY_WARM_UP = 1_000;

/**
 * The memory serverless.yml gives on-api-call (its own memorySize, else the provider's). On this machine
 * (24 GB) V8 would let the old space grow to 4 GB and collect late, so RSS would saw-tooth between the live
 * heap and whatever garbage it let pile up; in a 512 MB function it cannot. The run gets half the function's
 * memory as old space (the rest is for code, the young generation and the SDK's buffers).
 */
export function functionMemoryMb(text = readFileSync(join(root, 'serverless.yml'), 'utf8')): number {
  const stack = parse(text, { logLevel: 'error' }) as {
    provider?: { memorySize?: number };
    functions?: Record<string, { memorySize?: number }>;
  };
  const memory = stack.functions?.['on-api-call']?.memorySize ?? stack.provider?.memorySize;
  if (typeof memory !== 'number') throw new Error('serverless.yml gives on-api-call no memorySize');
  return memory;
}
/** "Flat": memory retained after the last event within this share of what was retained after the first thousand. */
const GROWTH_LIMIT = 0.1;

export async function main(args: readonly string[] = process.argv.slice(2)): Promise<HandlerFigures> {
  const events = Number(args[0] ?? 10_000);
  const memoryMb = functionMemoryMb();
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      `--max-old-space-size=${Math.floor(memoryMb / 2)}`,
      '--import',
      'tsx',
      join(dirname(fileURLToPath(import.meta.url)), 'invoke.ts'),
      String(events),
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  const line = child.stderr
    .trim()
    .split('\n')
    .reverse()
    .find((entry) => entry.startsWith('{'));
  if (child.status !== 0 || !line)
    throw new Error(`bench/handler failed (exit ${child.status}):\n${child.stderr}`);
  const figures = JSON.parse(line) as HandlerFigures;
  const rss = Object.entries(figures.rssMb);
  const heap = Object.entries(figures.heapMb);
  const first = heap[0]?.[1] ?? 0;
  const last = heap.at(-1)?.[1] ?? 0;
  const growth = first > 0 ? (last - first) / first : 0;
  const afterWarmUp = rss.filter(([after]) => Number(after) >= MEMORY_WARM_UP).map(([, mb]) => mb);
  const rssBase = afterWarmUp[0] ?? 0;
  const rssMax = Math.max(...afterWarmUp);
  const rssGrowth = rssBase > 0 ? (rssMax - rssBase) / rssBase : 0;
  const list = (entries: [string, number][]) =>
    entries.map(([after, mb]) => `${Number(after).toLocaleString('en')}: ${mb} MB`).join(', ');
  console.log(
    `handler: on-api-call, ${figures.events.toLocaleString('en')} CloudTrail events (6 kinds, every family), warm (first ${figures.warmUp} not timed), AWS mocked`,
  );
  console.log(
    `  per event      p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms (target ${P99_TARGET_MS} ms: ${figures.p99Ms < P99_TARGET_MS ? 'met' : 'MISSED'}), max ${figures.maxMs} ms, ${figures.errors} errors`,
  );
  console.log(
    `  RSS            every 500 events: ${rss.map(([, mb]) => mb).join(' ')} MB; peak ${figures.peakRssMb} MB (V8 heap limit ${figures.heapLimitMb} MB: half of the function's ${memoryMb} MB as old space)`,
  );
  console.log(
    `  RSS flat       after ${MEMORY_WARM_UP.toLocaleString('en')} events ${rssBase} MB, highest after that ${rssMax} MB (+${(rssGrowth * 100).toFixed(1)} %, flat within ${GROWTH_LIMIT * 100} %: ${rssGrowth <= GROWTH_LIMIT ? 'met' : 'MISSED'})`,
  );
  console.log(
    `  heap after GC  ${list(heap)} (retained memory; growth ${(growth * 100).toFixed(1)} %, flat within ${GROWTH_LIMIT * 100} %: ${growth <= GROWTH_LIMIT ? 'met' : 'MISSED'})`,
  );
  console.log(JSON.stringify(figures));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
