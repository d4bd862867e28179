// Small measuring helpers for the benchmarks.
import os from 'node:os';
import { readFileSync } from 'node:fs';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `work` `repeats` times and returns each wall time in seconds. */
export async function timeRuns(repeats: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await work();
    times.push((performance.now() - started) / 1000);
  }
  return times;
}

/**
 * Peak resident set size of this process so far, in MiB. On Linux from VmHWM in /proc/self/status:
 * getrusage's maxRSS survives execve, so a child spawned by a big parent reports at least the
 * parent's size at fork time (the benchmark's fresh-process figures all read 2065 MiB that way).
 */
export function peakRssMiB(): number {
  try {
    const hwm = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB$/mu);
    if (hwm?.[1]) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

export function machineLine(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/u);
    if (info?.[1]) cpu = info[1].trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  return `${os.availableParallelism()} cores (nproc), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}
