/**
 * Keeps the Lambda functions' Powertools output (JSON log records and EMF metric documents) out of the test
 * run's output. Tests that assert on those lines still see them: they spy on `write` themselves
 * (captureOutput in lambda-env.ts), which replaces this filter for the length of the test.
 */

/** True for a line Powertools writes: a Logger record (level, message, timestamp) or an EMF document (_aws). */
export function isPowertoolsLine(chunk: unknown): boolean {
  const text = String(chunk).trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  try {
    const document = JSON.parse(text) as Record<string, unknown>;
    return '_aws' in document || ('level' in document && 'message' in document && 'timestamp' in document);
  } catch {
    return false;
  }
}

// Marks a stream already filtered: setup files run once per test file, and the mutation run shares one process.
const QUIET: unique symbol = Symbol.for('transit-guard.quiet-powertools');

/** Drops the Powertools lines written on `stream`; everything else goes through unchanged. */
export function quietPowertools(stream: NodeJS.WriteStream): void {
  const marked = stream as NodeJS.WriteStream & { [QUIET]?: true };
  if (marked[QUIET]) return;
  marked[QUIET] = true;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    isPowertoolsLine(chunk) ? true : write(chunk, ...rest)) as NodeJS.WriteStream['write'];
}
