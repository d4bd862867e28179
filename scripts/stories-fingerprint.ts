// Fingerprints of the story clustering (every Story record: docs, title, dates, duplicates) on the
// seeds, the dev suite's collections (scripts/lib/story-corpora.ts; reads ../shared/eval, says so when
// absent) and generated corpora (bench/corpus-data.ts), so a change to src/stories/ that must not
// change any assignment can be checked: run before, run after with --compare FILE.
// Usage: npx tsx scripts/stories-fingerprint.ts [--sizes 1000,10000] [--save FILE] [--compare FILE]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCorpus, sourceSentences } from '../bench/corpus-data.ts';
import { segmentDocument } from '../src/segment/index.ts';
import { clusterStories, documentEvidence } from '../src/stories/index.ts';
import type { Document, Segment } from '../src/types.ts';
import { storyCorpora } from './lib/story-corpora.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, save: { type: 'string' }, compare: { type: 'string' } } });

function evidenceOf(documents: Iterable<Document>, segmentsOf: (doc: Document) => readonly Segment[]) {
  const evidence = [];
  for (const d of documents) {
    const segs = segmentsOf(d).filter((s) => s.kind !== 'boilerplate');
    evidence.push(documentEvidence({ id: d.id, sentences: segs.map((s) => s.fr), title: segs.find((s) => s.kind === 'title')?.fr ?? null, ...(typeof d.meta.date === 'string' ? { date: d.meta.date } : {}) }));
  }
  return evidence;
}

const rows: Record<string, { stories: number; sha256: string }> = {};
function record(name: string, evidence: ReturnType<typeof evidenceOf>): void {
  const started = performance.now();
  const { stories } = clusterStories(evidence);
  const sha256 = createHash('sha256').update(JSON.stringify(stories)).digest('hex');
  rows[name] = { stories: stories.length, sha256 };
  console.log(`${name}: ${stories.length} stories, sha256 ${sha256.slice(0, 16)} (${((performance.now() - started) / 1000).toFixed(1)} s clustering)`);
}

for (const corpus of await storyCorpora()) {
  const byDoc = new Map<string, Segment[]>();
  for (const s of corpus.segments) (byDoc.get(s.doc) ?? byDoc.set(s.doc, []).get(s.doc)!).push(s);
  record(corpus.name, evidenceOf(corpus.documents, (d) => byDoc.get(d.id) ?? []));
}
const { sentences } = await sourceSentences();
for (const size of (values.sizes as string).split(',').filter(Boolean).map(Number)) {
  const documents = (function* () {
    for (const a of generateCorpus(sentences, size)) yield { id: a.id, path: a.id, text: a.text, meta: { date: a.date } } satisfies Document;
  })();
  record(`generated ${size}`, evidenceOf(documents, (d) => segmentDocument(d)));
}
if (values.save) writeFileSync(values.save as string, `${JSON.stringify(rows, null, 2)}\n`);
if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare as string, 'utf8')) as typeof rows;
  const changed = Object.keys(before).filter((name) => rows[name] && rows[name].sha256 !== before[name]!.sha256);
  console.log(changed.length === 0 ? `same story assignments as ${values.compare} on every collection compared` : `CHANGED: ${changed.join('; ')}`);
  if (changed.length > 0) process.exitCode = 1;
}
