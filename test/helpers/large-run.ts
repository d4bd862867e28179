// A synthetic run of many small stories (no aligner: every version states every fact), for the
// report's scale tests and the browser test of the paged index of stories.
import type { RunOutputs } from '../../src/inspect/outputs.ts';
import type { AlignmentPair, FactGroup, Segment, Story } from '../../src/types.ts';

/** `stories` stories of `versions` versions each; every version says the same `facts` facts. */
export function largeRun(stories: number, versions: number, facts: number): RunOutputs {
  const sentences: Segment[] = [];
  const alignments: AlignmentPair[] = [];
  const groups: FactGroup[] = [];
  const storyList: Story[] = [];
  for (let s = 0; s < stories; s++) {
    const docs = Array.from({ length: versions }, (_, v) => `${String(s).padStart(4, '0')}_${String(v).padStart(2, '0')}`);
    storyList.push({ story: `s${s + 1}`, docs, title: `Histoire ${s + 1}`, dates: ['2023-01-01'], duplicates: [] });
    for (let f = 0; f < facts; f++) {
      const members = docs.map((doc) => {
        const fr = `Dans l'histoire ${s + 1}, le fait ${f + 1} est rapporté par la version ${doc} avec ${f * 1000 + 7} personnes.`;
        const segment: Segment = { id: `${doc}:${f}`, doc, index: f, start: f * 200, end: f * 200 + fr.length, kind: 'body', fr, en: `Fact ${f + 1} of story ${s + 1}.` };
        sentences.push(segment);
        return segment;
      });
      for (let a = 1; a < members.length; a++) {
        const [x, y] = [members[0]!, members[a]!];
        alignments.push({ a: x.id, b: y.id, a_doc: x.doc, b_doc: y.doc, a_start: x.start, a_end: x.end, b_start: y.start, b_end: y.end, a_fr: x.fr, b_fr: y.fr, score: 1.5, grade: 2, signals: {}, story: `s${s + 1}` });
      }
      groups.push({ id: `g${groups.length + 1}`, docs, score: 1.5, story: `s${s + 1}`, members: members.map((m) => ({ id: m.id, doc: m.doc, start: m.start, end: m.end, fr: m.fr, en: m.en! })) });
    }
  }
  return { dir: 'large', sentences, alignments, groups, stories: storyList };
}

