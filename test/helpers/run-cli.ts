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
