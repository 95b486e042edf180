import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIo } from '../../shared/cli/io.js';
import { runCli } from '../../shared/cli/main.js';

/** What one in-process run of the CLI printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `transit-guard <argv>` in-process and collects what it prints. stdout is not a terminal unless asked, and
 * the environment is empty unless given (no NO_COLOR / FORCE_COLOR from the machine running the tests).
 */
export async function runCliCaptured(
  argv: string[],
  options: { cwd?: string; isTTY?: boolean; columns?: number; env?: CliIo['env'] } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
      },
      isTTY: options.isTTY ?? false,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
      },
    },
    env: options.env ?? {},
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * Writes each document to `<directory>/<name>.json` (and the policy, when given, to policy.yml) and runs
 * `transit-guard evaluate` on them with `--format json` at 2026-11-22, from that directory.
 */
export async function evaluateDocuments(
  directory: string,
  documents: Record<string, unknown>,
  policy?: string,
): Promise<CliRun> {
  const paths = [];
  for (const [name, document] of Object.entries(documents)) {
    const path = join(directory, `${name}.json`);
    await writeFile(path, JSON.stringify(document));
    paths.push(path);
  }
  const argv = ['evaluate', ...paths, '--format', 'json', '--now', '2026-11-22T00:00:00Z'];
  if (policy) {
    await writeFile(join(directory, 'policy.yml'), policy);
    argv.push('--policy', join(directory, 'policy.yml'));
  }
  return runCliCaptured(argv, { cwd: directory });
}

/**
 * `transit-guard replay <event> --inventory <directory>/inventory --format json [--now <now>]`, run from
 * `directory`: how the families' CLI suites judge one call against the inventory they wrote.
 */
export function replayAgainstInventory(directory: string, event: string, now?: string): Promise<CliRun> {
  const argv = ['replay', event, '--inventory', join(directory, 'inventory'), '--format', 'json'];
  if (now !== undefined) argv.push('--now', now);
  return runCliCaptured(argv, { cwd: directory });
}
