// Preloaded into each benchmarked fralign process (node --import): on exit, writes its peak RSS
// (VmHWM, MiB) and CPU time (user + system, s) to $FRALIGN_BENCH_RSS_FILE as JSON, so every stage
// is measured in a fresh process. CPU time is the figure that survives a shared, noisy machine.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.FRALIGN_BENCH_RSS_FILE;
  if (!file) return;
  const hwm = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB$/mu);
  const cpu = process.cpuUsage();
  writeFileSync(file, JSON.stringify({ rssMiB: hwm?.[1] ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
});
