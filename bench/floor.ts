/**
 * The floor of evaluate-<n>: what any tool must do with the same input and output, measured on the same
 * machine in the same run (bench/run.ts runs it right after the benchmark, in a fresh child process):
 * read and `JSON.parse` every input file, then `JSON.stringify` as many bytes as the report had (the parsed
 * items, 64 at a time, cycled until the byte count is reached) and write them to /dev/null.
 * Bundled by bench/bundle.ts: `node bench/results/bundles/floor.mjs <dir> <bytes>`; prints one JSON line of figures on stdout.
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMs, mainThreadCpuMs, type PhaseFigures, peakRssMb } from './figures.js';

export interface FloorFigures extends PhaseFigures {
  parseMs: number;
  stringifyMs: number;
  outputBytes: number;
}

/** The top-level arrays of a parsed input document (a snapshot's configurationItems, a describe output's list). */
function itemsOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (document === null || typeof document !== 'object') return [document];
  const lists = Object.values(document).filter((value): value is unknown[] => Array.isArray(value));
  return lists.length > 0 ? lists.flat() : [document];
}

function measureFloor(dir: string, bytes: number): FloorFigures {
  const started = performance.now();
  const startedCpu = cpuMs();
  const startedMainCpu = mainThreadCpuMs();
  const documents = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
  const parsed = performance.now();
  const items = documents.flatMap(itemsOf);
  const fd = openSync(devNull, 'w');
  let written = 0;
  for (let index = 0; written < bytes && items.length > 0; index = (index + 64) % items.length) {
    written += writeSync(fd, JSON.stringify(items.slice(index, index + 64)));
  }
  closeSync(fd);
  const ended = performance.now();
  const mainCpu = mainThreadCpuMs();
  return {
    wallMs: Math.round(ended - started),
    cpuMs: Math.round(cpuMs() - startedCpu),
    mainThreadCpuMs: startedMainCpu === null || mainCpu === null ? null : mainCpu - startedMainCpu,
    peakRssMb: peakRssMb(),
    parseMs: Math.round(parsed - started),
    stringifyMs: Math.round(ended - parsed),
    outputBytes: written,
  };
}

const [dir, bytes] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && dir && bytes) {
  process.stdout.write(`${JSON.stringify(measureFloor(dir, Number(bytes)))}\n`);
}
