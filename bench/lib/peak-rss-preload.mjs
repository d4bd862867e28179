// Preloaded into each benchmarked fralign process (node --import): on exit, writes its peak RSS
// (VmHWM, MiB) to $FRALIGN_BENCH_RSS_FILE, so every stage is measured in a fresh process.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.FRALIGN_BENCH_RSS_FILE;
  if (!file) return;
  const hwm = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB$/mu);
  writeFileSync(file, String(hwm?.[1] ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024));
});
