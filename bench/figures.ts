/** What the evaluate benchmark and its floor measure, the same way. */
import { readFileSync } from 'node:fs';

export interface PhaseFigures {
  wallMs: number;
  /** User + system CPU time: less sensitive than wall time to other processes on the machine. */
  cpuMs: number;
  /** CPU time of the main thread alone; null where /proc is missing. */
  mainThreadCpuMs: number | null;
  /** Peak RSS so far, at the end of the phase (the phase where it jumps is the one that set the peak). */
  peakRssMb: number;
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** User + system time of the main thread (Linux: /proc/self/task/<pid>/stat, in clock ticks of 10 ms). */
export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
