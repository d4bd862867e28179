// Preloaded into each benchmarked fralign process (node --import): on exit, writes its peak RSS
// (VmHWM, MiB) and CPU time (user + system, s) to $FRALIGN_BENCH_RSS_FILE as JSON, so every stage
// is measured in a fresh process. CPU time is the figure that survives a shared, noisy machine.
// With FRALIGN_BENCH_STAGES=1 it also samples RSS every 100 ms and, at each stage line the command
// prints (on stderr or stdout) ("split: …", "stories: …", "align: …", "report: …"), notes that stage's peak and end time,
// so one `fralign run` process gives figures per stage.
import { readFileSync, writeFileSync } from 'node:fs';

const status = (field) => Number(readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'mu'))?.[1] ?? 0) / 1024;
const stages = [];
const started = performance.now();
let stagePeak = 0;

if (process.env.FRALIGN_BENCH_STAGES) {
  const sample = () => {
    stagePeak = Math.max(stagePeak, status('VmRSS'));
  };
  setInterval(sample, 100).unref();
  // Stage lines are messages, so they go to stderr (docs/outputs.md); stdout is watched too for
  // older builds that printed them there.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      for (const match of text.matchAll(/^(?:fralign )?(split|translate|stories|align|report)\b[^:\n]*:/gmu)) {
        sample();
        const cpu = process.cpuUsage();
        stages.push({ stage: match[1], rssMiB: stagePeak, endSeconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
        stagePeak = status('VmRSS');
      }
      return write(chunk, ...rest);
    };
  }
}

process.on('exit', () => {
  const file = process.env.FRALIGN_BENCH_RSS_FILE;
  if (!file) return;
  const hwm = status('VmHWM');
  const cpu = process.cpuUsage();
  writeFileSync(file, JSON.stringify({ rssMiB: hwm || process.resourceUsage().maxRSS / 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6, stages }));
});
