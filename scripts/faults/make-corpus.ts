// Writes a generated N-document news corpus (bench/corpus-data.ts, deterministic) as JSONL, for the
// fault scripts: `node scripts/faults/make-corpus.ts 300 corpus.jsonl`.
import { writeFileSync } from 'node:fs';
import { generateCorpus, sourceSentences } from '../../bench/corpus-data.ts';

const [count = '300', out = 'corpus.jsonl'] = process.argv.slice(2);
const { sentences } = await sourceSentences();
const lines: string[] = [];
for (const article of generateCorpus(sentences, Number(count))) lines.push(JSON.stringify({ id: article.id, text: article.text, date: article.date }));
writeFileSync(out, `${lines.join('\n')}\n`);
