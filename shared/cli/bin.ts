import { runCli } from './main.js';
import { quietSdkNodeWarning } from './node-support.js';

// A closed pipe (`transit-guard evaluate ... | head`) is the reader's choice, not a failure to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

// Before any SDK client exists (scan loads the SDK on demand).
quietSdkNodeWarning(process.env, process.version);

// The executable (dist/transit-guard.js, built by scripts/build-cli.mjs); all logic lives in runCli.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});
