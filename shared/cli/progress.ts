import type { CliIo } from './io.js';

/** Scan's progress on stderr: a bar redrawn in place on a terminal, one line per step otherwise (CI logs). */
export interface Progress {
  /** One of `total` steps finished (a family in a region). */
  step(message: string): void;
  /** A line worth keeping (a region's summary). */
  note(message: string): void;
  /** Clears the bar. */
  done(): void;
}

const BAR_WIDTH = 20;

export function createProgress(stderr: CliIo['stderr'], total: number): Progress {
  let finished = 0;
  let last = '';
  if (stderr.isTTY !== true) {
    return {
      step: (message) => stderr.write(`${message}\n`),
      note: (message) => stderr.write(`${message}\n`),
      done: () => {},
    };
  }
  const columns = stderr.columns ?? 80;
  // \r goes back to the line's start, \x1b[K clears to its end: the bar replaces itself.
  const draw = () => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((finished / total) * BAR_WIDTH);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${finished}/${total} ${last}`;
    stderr.write(`\r\x1b[K${line.slice(0, columns - 1)}`);
  };
  draw();
  return {
    step(message) {
      finished++;
      last = message;
      draw();
    },
    note(message) {
      stderr.write(`\r\x1b[K${message}\n`);
      draw();
    },
    done: () => stderr.write('\r\x1b[K'),
  };
}
