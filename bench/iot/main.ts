/**
 * `npm run bench -- --only iot-1m`: 1,000,000 AWS IoT certificate summaries evaluated end to end by
 * bench/evaluate.ts in a fresh child process. They are four `aws iot list-certificates --max-items 250000`
 * outputs of 67 MB each (one 268 MB file would pass the 256 MiB input limit, `--max-file-size`); each list is read a
 * record at a time (DescribeFormat.streams), never parsed whole. Targets: under 10 s wall and 1 GB peak RSS
 * (issue #15).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundled } from '../bundle.js';
import type { EvaluateFigures } from '../evaluate.js';

/** @internal test/bench checks the generated summaries with it. */
export const IOT_CERTIFICATES = 1_000_000;
const TARGETS = { wallMs: 10_000, peakRssMb: 1024 };

/** Statuses in a fleet's proportions: mostly ACTIVE, some INACTIVE, a few REVOKED and pending transfers. */
function statusOf(index: number): string {
  const slot = index % 100;
  if (slot < 90) return 'ACTIVE';
  if (slot < 96) return 'INACTIVE';
  if (slot < 99) return 'REVOKED';
  return 'PENDING_TRANSFER';
}

/**
 * One ListCertificates summary, in the API's shape (API_Certificate.html): deterministic ids.
 * @internal test/bench reads the generated file through the CLI's loader.
 */
export function certificateSummary(index: number): string {
  const id = createHash('sha256').update(`bench-device-${index}`).digest('hex');
  return JSON.stringify({
    certificateArn: `arn:aws:iot:eu-west-1:111122223333:cert/${id}`,
    certificateId: id,
    status: statusOf(index),
    certificateMode: index % 10 === 0 ? 'SNI_ONLY' : 'DEFAULT',
    creationDate: 1_700_000_000 + index,
  });
}

/** Writes summaries [from, from + count) in chunks (never held whole); returns the file's size in bytes. */
export function writeCertificateList(file: string, count: number, from = 0): number {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"certificates":[');
    let chunk = '';
    for (let index = from; index < from + count; index += 1) {
      chunk += (index === from ? '' : ',') + certificateSummary(index);
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}]}\n`);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));

function main(): void {
  const dir = join(benchDir, 'results', 'input-iot-1m');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = 4;
  const perFile = IOT_CERTIFICATES / files;
  let bytes = 0;
  for (let file = 0; file < files; file += 1)
    bytes += writeCertificateList(
      join(dir, `iot-list-certificates-${file + 1}.json`),
      perFile,
      file * perFile,
    );
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const child = runBundled('evaluate.ts', [dir, String(IOT_CERTIFICATES)]);
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`iot-1m failed (exit ${child.status}):\n${child.stderr}`);
  const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as EvaluateFigures;
  const met = (value: number, limit: number) =>
    value <= limit ? `target ${limit}: met` : `target ${limit}: MISSED`;
  console.log(
    `  ${IOT_CERTIFICATES.toLocaleString('en')} IoT certificate summaries, ${(bytes / 1024 ** 2).toFixed(1)} MB of JSON (load average ${load} at start)`,
  );
  console.log(`  wall time      ${figures.wallMs} ms (${met(figures.wallMs, TARGETS.wallMs)})`);
  console.log(`  peak RSS       ${figures.peakRssMb} MB (${met(figures.peakRssMb, TARGETS.peakRssMb)})`);
  for (const [phase, p] of Object.entries(figures.phases)) {
    console.log(
      `  ${phase.padEnd(14)} ${p.wallMs} ms wall, ${p.cpuMs} ms CPU, peak RSS ${p.peakRssMb} MB at its end`,
    );
  }
  console.log(
    `  output         ${figures.resources.toLocaleString('en')} resources, ${figures.evaluations.toLocaleString('en')} evaluations (${figures.nonCompliant.toLocaleString('en')} non-compliant), ${figures.inputErrors} input errors, ${(figures.outputBytes / 1024 ** 2).toFixed(1)} MB of JSON`,
  );
  if (figures.wallMs > TARGETS.wallMs || figures.peakRssMb > TARGETS.peakRssMb) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
