// `fralign merge DIR...`: shard folders → the folder an unsharded run writes. sentences.jsonl and
// stories.jsonl must agree across shards (the English side is taken from whichever shard has it);
// alignments and groups are interleaved in story order and the groups renumbered g1.., exactly as
// the unsharded align stage numbers them.
import { readFile } from 'node:fs/promises';
import { FralignError } from '../errors.ts';
import { outputPath, readManifest, updateManifest } from '../output/index.ts';
import { JsonlStreamWriter, readJsonlLines, type JsonlLine } from '../output/jsonl-stream.ts';
import { storiesPath, storyOrdinal } from '../stories/stage.ts';
import type { AlignmentPair, FactGroup, Segment } from '../types.ts';
import { writeFileAtomic } from '../output/index.ts';
import { runOptions, verifyShards } from './merge-check.ts';

export interface MergeResult {
  readonly shards: number;
  readonly segments: number;
  readonly pairs: number;
  readonly groups: number;
}

/**
 * Verifies the shards (merge-check.ts: same inputs, model, options, version, translated or not,
 * files as recorded), then — and only then — calls `openOut` (the command takes the output
 * folder's lock there) and writes the merged run.
 */
export async function mergeRuns(dirs: readonly string[], outDir: string, openOut: () => Promise<void> = async () => undefined): Promise<MergeResult> {
  const started = performance.now();
  if (dirs.length === 0) throw new FralignError('USAGE', 'merge: no shard folders given; pass the --out folders of the `fralign run --shard K/N` runs');
  await checkShardSet(dirs);
  await verifyShards(dirs);
  await openOut();
  const stories = await sameFile(dirs, storiesPath, 'stories.jsonl');
  const segments = await mergeSentences(dirs, outDir);
  await writeFileAtomic(storiesPath(outDir), stories);
  const pairs = await interleaveByStory<AlignmentPair>(dirs.map((d) => outputPath(d, 'alignments')), outputPath(outDir, 'alignments'), (p) => p);
  let groupNumber = 0;
  const groups = await interleaveByStory<FactGroup>(dirs.map((d) => outputPath(d, 'groups')), outputPath(outDir, 'groups'), (g) => ({ ...g, id: `g${++groupNumber}` }));
  const first = await readManifest(dirs[0] as string);
  // Stories a shard wrote in the compact or reference form (align/story.ts): the merged manifest names them all.
  const compact: string[] = [];
  let form: unknown;
  const reference: { stories: string[]; form?: unknown; references_per_story: number; references: Record<string, unknown> } = { stories: [], references_per_story: 0, references: {} };
  for (const dir of dirs) {
    const section = (await readManifest(dir))?.stages.align as
      | { compact?: { stories?: string[]; form?: unknown }; reference?: { stories?: string[]; form?: unknown; references_per_story?: number; references?: Record<string, unknown> } }
      | undefined;
    compact.push(...(section?.compact?.stories ?? []));
    form ??= section?.compact?.form;
    reference.stories.push(...(section?.reference?.stories ?? []));
    reference.form ??= section?.reference?.form;
    reference.references_per_story = Math.max(reference.references_per_story, section?.reference?.references_per_story ?? 0);
    Object.assign(reference.references, section?.reference?.references ?? {});
  }
  compact.sort((x, y) => storyOrdinal(x) - storyOrdinal(y));
  reference.stories.sort((x, y) => storyOrdinal(x) - storyOrdinal(y));
  // In story order, as one unsharded run writes them.
  reference.references = Object.fromEntries(reference.stories.map((story) => [story, reference.references[story]]));
  await updateManifest(outDir, {
    ...(first?.command ? { command: first.command } : {}),
    ...(first?.inputs ? { inputs: first.inputs } : {}),
    ...(first?.documents ? { documents: first.documents } : {}),
    ...(first?.failures ? { failures: first.failures } : {}),
    ...(first?.model ? { model: first.model } : {}),
    stages: {
      ...first?.stages,
      align: {
        status: 'done',
        ms: Math.round(performance.now() - started),
        note: `merged from ${dirs.length} shards: ${dirs.join(', ')}`,
        // The options every shard ran with (verified equal), so the merged run records what made it.
        ...(first?.stages.align?.options ? { options: runOptions(first.stages.align.options) } : {}),
        counts: {
          pairs,
          groups,
          ...(compact.length > 0 ? { compact_stories: compact.length } : {}),
          ...(reference.stories.length > 0 ? { reference_stories: reference.stories.length } : {}),
        },
        ...(compact.length > 0 ? { compact: { stories: compact, form } } : {}),
        ...(reference.stories.length > 0 ? { reference: { stories: reference.stories, form: reference.form, references_per_story: reference.references_per_story, references: reference.references } } : {}),
      },
    },
  });
  return { shards: dirs.length, segments, pairs, groups };
}

/** The shards' manifests must name shards 1..N of one N, each once. */
async function checkShardSet(dirs: readonly string[]): Promise<void> {
  const seen = new Map<string, string>();
  let count: number | undefined;
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    const shard = manifest?.stages.align?.options?.['shard'];
    if (manifest?.stages.align?.status !== 'done') {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${dir}: its align stage has not finished${manifest?.stages.align?.note ? ` (${manifest.stages.align.note})` : ''}; rerun its \`fralign run --shard K/N\` first`);
    }
    if (typeof shard !== 'string') throw new FralignError('USAGE', `${dir}: not a shard folder (its manifest names no --shard); pass the --out folders of \`fralign run --shard K/N\``);
    const [k, n] = shard.split('/').map(Number) as [number, number];
    if (count !== undefined && n !== count) throw new FralignError('USAGE', `${dir}: shard ${shard} belongs to a run of ${n} shards, the others to ${count}`);
    count = n;
    const other = seen.get(shard);
    if (other !== undefined) throw new FralignError('USAGE', `${dir}: shard ${shard} is also ${other}; pass each shard once`);
    seen.set(shard, dir);
    void k;
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => `${i + 1}/${count}`).filter((s) => !seen.has(s));
  if (missing.length > 0) throw new FralignError('USAGE', `merge: shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing; pass every shard's folder (merging a subset would lose stories)`);
}

async function sameFile(dirs: readonly string[], file: (dir: string) => string, name: string): Promise<string> {
  const texts = await Promise.all(dirs.map(async (dir) => {
    try {
      return await readFile(file(dir), 'utf8');
    } catch {
      throw new FralignError('MISSING_STAGE_OUTPUT', `${file(dir)} not found; rerun that shard's \`fralign run --shard K/N\``);
    }
  }));
  const differs = texts.findIndex((t) => t !== texts[0]);
  if (differs !== -1) throw new FralignError('USAGE', `${file(dirs[differs] as string)} differs from ${file(dirs[0] as string)}: the shards were not run on the same inputs and options; rerun them with one command line`);
  return texts[0] as string;
}

/** Lockstep over the shards' sentences.jsonl: same segments in the same order; `en` from whichever has it. */
async function mergeSentences(dirs: readonly string[], outDir: string): Promise<number> {
  const readers = dirs.map((dir) => readJsonlLines<Segment>(outputPath(dir, 'sentences'), 'rerun that shard'));
  const writer = await JsonlStreamWriter.create(outputPath(outDir, 'sentences'));
  let count = 0;
  try {
    for (;;) {
      const lines = await Promise.all(readers.map((r) => r.next()));
      if (lines.every((l) => l.done)) break;
      const values = lines.map((l, n) => {
        if (l.done) throw new FralignError('USAGE', `${outputPath(dirs[n] as string, 'sentences')} ends early: the shards were not split from the same inputs`);
        return l.value.value;
      });
      const base = values[0] as Segment;
      let chosen = base;
      values.forEach((v, n) => {
        if (v.id !== base.id || v.fr !== base.fr) throw new FralignError('USAGE', `${outputPath(dirs[n] as string, 'sentences')}: segment ${v.id} where ${outputPath(dirs[0] as string, 'sentences')} has ${base.id}: the shards were not split from the same inputs`);
        if (v.en === undefined) return;
        if (chosen.en !== undefined && chosen.en !== v.en) throw new FralignError('USAGE', `${outputPath(dirs[n] as string, 'sentences')}: segment ${v.id} has another translation than in another shard: were they run with one model and cache?`);
        chosen = v;
      });
      await writer.write(chosen);
      count++;
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return count;
}

/** K-way merge of files each in story order: the record of the lowest story number goes first. */
async function interleaveByStory<T extends { readonly story?: string }>(files: readonly string[], outFile: string, rewrite: (record: T) => T): Promise<number> {
  const readers = files.map((file) => readJsonlLines<T>(file, "rerun that shard's `fralign run --shard K/N`"));
  const heads: (JsonlLine<T> | undefined)[] = await Promise.all(readers.map(async (r) => (await r.next()).value ?? undefined));
  const writer = await JsonlStreamWriter.create(outFile);
  let count = 0;
  try {
    for (;;) {
      let pick = -1;
      heads.forEach((head, n) => {
        if (head === undefined) return;
        if (typeof head.value.story !== 'string') throw new FralignError('OUTPUT', `${files[n]}:${head.line}: expected a "story" field; rerun that shard with this version of fralign`);
        if (pick === -1 || storyOrdinal(head.value.story) < storyOrdinal((heads[pick] as JsonlLine<T>).value.story as string)) pick = n;
      });
      if (pick === -1) break;
      await writer.write(rewrite((heads[pick] as JsonlLine<T>).value));
      count++;
      heads[pick] = (await (readers[pick] as AsyncGenerator<JsonlLine<T>>).next()).value ?? undefined;
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return count;
}
