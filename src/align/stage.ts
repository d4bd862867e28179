// The align stage as a library call: DIR/sentences.jsonl (+ DIR/stories.jsonl) → DIR/alignments.jsonl
// + DIR/groups.jsonl (+ the manifest's `align` section). Aligns within each story only, one story at
// a time, streaming the outputs: memory is bounded by the largest story, not the corpus. I/O only;
// the alignment itself is alignSegments.
import { FralignError } from '../errors.ts';
import { checkSegmentSpan, documentLengths, markOutputsStale, outputPath, sha256OfFile, updateManifest } from '../output/index.ts';
import { JsonlStreamWriter } from '../output/jsonl-stream.ts';
import { groupRecords, pairRecords } from '../output/records.ts';
import { indexSentences, readDocuments } from '../pipeline/sentence-index.ts';
import { shardOfStory, type Shard } from '../pipeline/shard.ts';
import { readStories, storyOrdinal } from '../stories/stage.ts';
import type { AlignmentPair, Story } from '../types.ts';
import { resolveAlignOptions, type AlignOptions } from './index.ts';
import { alignStoryForm } from './story.ts';

export { checkSegment } from '../pipeline/sentence-index.ts';

export interface AlignStageCounts {
  readonly pairs: number;
  readonly grade2: number;
  readonly groups: number;
  readonly multi_document_groups: number;
}

export interface AlignStageResult extends AlignStageCounts {
  readonly segments: number;
  readonly documents: number;
  /** Stories aligned (this shard's, when sharded). */
  readonly stories: number;
  readonly ms: number;
}

export interface AlignStageOptions {
  /** Align only this shard's stories (s<n> goes to shard ((n - 1) mod N) + 1). */
  readonly shard?: Shard;
  /** Versions above which a story's near-duplicates go through representatives (default COPIES_FROM, 32). */
  readonly copiesFrom?: number;
  /** Alignable versions above which a story is aligned in the reference form (default REFERENCES_FROM, 500). */
  readonly referencesFrom?: number;
  /** Every story in the full form, however many versions (`--full-stories`): no compact or reference form. */
  readonly fullStories?: boolean;
}

/** What the manifest says of the compact form (docs/alignment.md, "Stories with many versions"). */
const COMPACT_FORM = 'near-duplicate versions aligned through a representative: pairs among the representatives, each copy paired with its representative only; fact groups in full';

/** What the manifest says of the reference form (references.ts). */
const REFERENCE_FORM = 'each version aligned with the story\'s reference versions only: pairs among the references, and every other version with each reference; fact groups in full';

/**
 * Without DIR/stories.jsonl every document is one story "s1" (what `fralign align` did before
 * stories existed). Group ids g1.. run on across stories in story order.
 */
export async function runAlignStage(outDir: string, options: AlignOptions = {}, stage: AlignStageOptions = {}): Promise<AlignStageResult> {
  const started = performance.now();
  const lengths = await documentLengths(outDir);
  // Offsets that cannot point back into their document are refused here, before they reach alignments.jsonl.
  const index = await indexSentences(outDir, undefined, (line) => checkSegmentSpan(line, lengths));
  const inputs = { 'sentences.jsonl': await sha256OfFile(index.file) };
  const stories = (await readStories(outDir)) ?? [oneStory([...index.ranges.keys()])];
  checkCoverage(outDir, stories, index.ranges);
  const mine = stories.filter((s) => stage.shard === undefined || shardOfStory(storyOrdinal(s.story), stage.shard.count) === stage.shard.index);
  await markOutputsStale(outDir, 'align');
  const pairsOut = await JsonlStreamWriter.create(outputPath(outDir, 'alignments'));
  const groupsOut = await JsonlStreamWriter.create(outputPath(outDir, 'groups'));
  const counts = { pairs: 0, grade2: 0, groups: 0, multi_document_groups: 0 };
  let segments = 0;
  let documents = 0;
  const compact: string[] = [];
  const referenced: [string, readonly string[]][] = [];
  const forms = stage.fullStories === true ? { copiesFrom: Infinity, referencesFrom: Infinity } : { copiesFrom: stage.copiesFrom, referencesFrom: stage.referencesFrom };
  try {
    for (const story of mine) {
      const storySegments = await readDocuments(index, story.docs);
      segments += storySegments.length;
      documents += story.docs.length;
      const result = alignStoryForm(storySegments, story, options, forms);
      if (result.form === 'compact') compact.push(story.story);
      if (result.references !== undefined) referenced.push([story.story, result.references]);
      for (const pair of pairRecords(withStory(result.pairs, story.story), storySegments)) {
        await pairsOut.write(pair);
        counts.pairs++;
        if (pair.grade === 2) counts.grade2++;
      }
      const groups = result.groups.map((group, n) => ({ ...group, id: `g${counts.groups + n + 1}`, story: story.story }));
      for (const group of groupRecords(groups, storySegments)) {
        counts.groups++;
        if (group.docs.length > 1) counts.multi_document_groups++;
        await groupsOut.write(group);
      }
    }
    await pairsOut.finish();
    await groupsOut.finish();
  } catch (error) {
    await pairsOut.abort();
    await groupsOut.abort();
    throw error;
  }
  const ms = Math.round(performance.now() - started);
  const resolved = resolveAlignOptions(options);
  await updateManifest(outDir, {
    stages: {
      align: {
        status: 'done',
        ms,
        options: {
          ...resolved,
          weights: { ...resolved.weights },
          ...(stage.fullStories === true ? { full_stories: true } : {}),
          ...(stage.shard ? { shard: `${stage.shard.index}/${stage.shard.count}` } : {}),
        },
        inputs,
        counts: {
          ...counts,
          stories: mine.length,
          ...(compact.length > 0 ? { compact_stories: compact.length } : {}),
          ...(referenced.length > 0 ? { reference_stories: referenced.length } : {}),
        },
        // Named only when used, so a run without such a story writes the manifest it always wrote.
        ...(compact.length > 0 ? { compact: { stories: compact, form: COMPACT_FORM } } : {}),
        ...(referenced.length > 0 ? { reference: referenceSection(referenced) } : {}),
      },
    },
  });
  return { ...counts, segments, documents, stories: mine.length, ms };
}

/**
 * The manifest's `stages.align.reference`: the stories aligned in the reference form, the form, how
 * many references a story has at most, and each story's reference versions.
 */
function referenceSection(referenced: readonly [string, readonly string[]][]): { stories: string[]; form: string; references_per_story: number; references: Record<string, readonly string[]> } {
  return {
    stories: referenced.map(([story]) => story),
    form: REFERENCE_FORM,
    references_per_story: Math.max(...referenced.map(([, refs]) => refs.length)),
    references: Object.fromEntries(referenced),
  };
}

/** Every document of sentences.jsonl in exactly one story, or stories.jsonl is out of date. */
function checkCoverage(outDir: string, stories: readonly Story[], ranges: ReadonlyMap<string, unknown>): void {
  const seen = new Set<string>();
  for (const story of stories) {
    for (const doc of story.docs) {
      if (seen.has(doc) || !ranges.has(doc)) {
        throw new FralignError('OUTPUT', `${outDir}/stories.jsonl: document "${doc}" ${seen.has(doc) ? 'is in two stories' : 'is not in sentences.jsonl'}; the file is out of date: rerun \`fralign stories ${outDir}\``);
      }
      seen.add(doc);
    }
  }
  const missing = [...ranges.keys()].find((doc) => !seen.has(doc));
  if (missing !== undefined) throw new FralignError('OUTPUT', `${outDir}/stories.jsonl: document "${missing}" of sentences.jsonl is in no story; the file is out of date: rerun \`fralign stories ${outDir}\``);
}

function* withStory(pairs: Iterable<AlignmentPair>, story: string): Generator<AlignmentPair> {
  for (const pair of pairs) yield { ...pair, story };
}

function oneStory(docs: readonly string[]): Story {
  return { story: 's1', docs: [...docs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)), title: null, dates: [], duplicates: [] };
}
