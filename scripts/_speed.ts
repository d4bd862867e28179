import { readFileSync, readdirSync } from 'node:fs';
import { splitText as newSplit } from '/work/wt/seg/src/segment/split.ts';
import { splitText as oldSplit } from '/tmp/segold/src/segment/split.ts';
const texts = readdirSync('/work/wt/seg/seeds').map((f) => readFileSync(`/work/wt/seg/seeds/${f}`, 'utf8'));
for (const l of readFileSync('/work/shared/eval/segment/data/wmt22-fr-news-noisyquotes.jsonl', 'utf8').split('\n').filter(Boolean)) texts.push(JSON.parse(l).text);
const big = Array.from({ length: 20 }, () => texts.join('\n')).join('\n');
const time = (f: (t: string) => unknown): number => { const s = performance.now(); for (let r = 0; r < 10; r++) for (const t of texts) f(t); f(big); return performance.now() - s; };
const o: number[] = [], n: number[] = [];
for (let i = 0; i < 7; i++) { o.push(time(oldSplit)); n.push(time(newSplit)); }
const med = (a: number[]) => [...a].sort((x, y) => x - y)[3]!;
console.log(`chars/round ${texts.reduce((s, t) => s + t.length, 0) * 10 + big.length}; median old ${med(o).toFixed(0)} ms, new ${med(n).toFixed(0)} ms, new/old ${(med(n) / med(o)).toFixed(2)}`);
