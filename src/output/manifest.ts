// The run manifest: what went in, what came out, with which code and model, and how long it took.
// Each stage merges its own section, so `fralign split` then `fralign align` build one manifest.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dependencyVersion, VERSION } from '../version.ts';
import type { DocumentFailure } from '../types.ts';
import type { ManifestDocument } from './records.ts';
import { writeJsonAtomic } from './atomic-write.ts';
import { outputPath } from './files.ts';

export type StageName = 'split' | 'translate' | 'stories' | 'align' | 'report';

export interface StageRecord {
  /** 'stale': an earlier stage rewrote this stage's inputs (or this stage began rewriting its outputs and did not finish). */
  readonly status: 'done' | 'skipped' | 'failed' | 'stale';
  /** Wall time of the stage in milliseconds. */
  readonly ms: number;
  /** Why it was skipped or failed, in one line. */
  readonly note?: string;
  /** Options the stage ran with (defaults filled in). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Counts the stage produced. */
  readonly counts?: Readonly<Record<string, number | Readonly<Record<string, number>>>>;
  /** sha256 of each run file the stage read (e.g. align: sentences.jsonl), so a reader can tell its outputs were made from the files now on disk. */
  readonly inputs?: Readonly<Record<string, string>>;
}

export interface ModelRecord {
  readonly id: string;
  readonly path: string;
  /** sha256 over the model's ONNX, config and tokenizer files. */
  readonly hash: string;
  readonly dtype: string;
  /** int8: the derived files (relative to `path`) and the sha256 of the fp32 files they come from. */
  readonly derived?: {
    readonly rewrite: string;
    readonly encoder: string;
    readonly decoder: string;
    readonly source_sha256: { readonly encoder: string; readonly decoder: string };
  };
}

export interface RunManifest {
  readonly tool: { readonly name: 'fralign'; readonly version: string };
  readonly runtime: {
    readonly node: string;
    readonly platform: string;
    readonly arch: string;
    readonly cpus: number;
    /** Versions of the libraries that shape the outputs (tokenizer, inference, splitting). */
    readonly libraries: Readonly<Record<string, string>>;
  };
  /** ISO time of the last update. */
  readonly updated: string;
  readonly command?: readonly string[];
  readonly inputs?: readonly { readonly path: string; readonly bytes: number; readonly sha256: string; readonly documents: number }[];
  readonly documents?: readonly ManifestDocument[];
  readonly failures?: readonly DocumentFailure[];
  readonly model?: ModelRecord;
  readonly stages: Readonly<Partial<Record<StageName, StageRecord>>>;
  /**
   * Each run data file as its stage left it (recorded when the stage records 'done'): `merge`
   * checks every shard's files against these before it writes anything.
   */
  readonly files?: Readonly<Record<string, FileRecord>>;
}

/** A run file's size, line count and sha256 at the time its stage finished. */
export interface FileRecord {
  readonly bytes: number;
  readonly lines: number;
  readonly sha256: string;
}

/** The run data files each stage writes (report.html is a view, not data). */
export const STAGE_FILES: Readonly<Record<StageName, readonly string[]>> = {
  split: ['sentences.jsonl'],
  translate: ['sentences.jsonl'],
  stories: ['stories.jsonl'],
  align: ['alignments.jsonl', 'groups.jsonl'],
  report: [],
};

type ManifestPatch = Partial<Omit<RunManifest, 'tool' | 'runtime' | 'updated' | 'stages'>> & {
  readonly stages?: Partial<Record<StageName, StageRecord>>;
};

export async function readManifest(outDir: string): Promise<RunManifest | undefined> {
  try {
    return JSON.parse(await readFile(outputPath(outDir, 'manifest'), 'utf8')) as RunManifest;
  } catch {
    return undefined;
  }
}

/** sha256 of a file, streamed (run files can be larger than one string). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Size, line count and sha256 of a file in one streamed pass. */
export async function fileRecord(file: string): Promise<FileRecord> {
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
  }
  return { bytes, lines, sha256: hash.digest('hex') };
}

/** Records of the files the stages finishing in `stages` wrote (files that are absent are left out). */
async function finishedFiles(outDir: string, stages: Partial<Record<StageName, StageRecord>> | undefined): Promise<Record<string, FileRecord>> {
  const records: Record<string, FileRecord> = {};
  for (const [stage, record] of Object.entries(stages ?? {}) as [StageName, StageRecord][]) {
    if (record?.status !== 'done') continue;
    for (const name of STAGE_FILES[stage] ?? []) {
      try {
        records[name] = await fileRecord(path.join(outDir, name));
      } catch {
        // Not written by this run (e.g. a stage with nothing to write): nothing to record.
      }
    }
  }
  return records;
}

/** Document id → text length, from the manifest's split section (empty when unknown). */
export async function documentLengths(outDir: string): Promise<Map<string, number>> {
  const lengths = new Map<string, number>();
  for (const doc of (await readManifest(outDir))?.documents ?? []) {
    if (typeof doc?.chars === 'number') lengths.set(doc.id, doc.chars);
  }
  return lengths;
}

/** Merges `patch` into DIR/manifest.json (creating it), stage records by stage name. */
export async function updateManifest(outDir: string, patch: ManifestPatch): Promise<RunManifest> {
  const previous = await readManifest(outDir);
  const manifest: RunManifest = {
    ...previous,
    ...patch,
    tool: { name: 'fralign', version: VERSION },
    runtime: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: os.availableParallelism(),
      libraries: libraryVersions(),
    },
    updated: new Date().toISOString(),
    stages: { ...previous?.stages, ...patch.stages },
  };
  const files = { ...previous?.files, ...patch.files, ...(await finishedFiles(outDir, patch.stages)) };
  if (Object.keys(files).length > 0) (manifest as { files?: Record<string, FileRecord> }).files = files;
  await writeJsonAtomic(outputPath(outDir, 'manifest'), manifest);
  return manifest;
}

/** The stages whose outputs are made from each stage's outputs (directly or not). */
export const DEPENDENT_STAGES: Readonly<Record<StageName, readonly StageName[]>> = {
  split: ['translate', 'stories', 'align', 'report'],
  translate: ['align', 'report'],
  stories: ['align', 'report'],
  align: ['report'],
  report: [],
};

/**
 * Call right before a stage replaces its first output file. Marks the stage itself and every stage
 * that depends on it as stale in the manifest, so until the stage records 'done' again, no reader
 * can take an old alignment (or report) for one of the new sentences: `inspect` and the report
 * refuse stale inputs. A fresh folder (no manifest) has nothing to mark.
 */
export async function markOutputsStale(outDir: string, stage: StageName): Promise<void> {
  const previous = await readManifest(outDir);
  if (!previous) return;
  const when = new Date().toISOString();
  const stages: Partial<Record<StageName, StageRecord>> = {};
  for (const name of [stage, ...DEPENDENT_STAGES[stage]]) {
    const record = previous.stages?.[name];
    if (!record || record.status === 'stale' || record.status === 'skipped') continue;
    const note =
      name === stage
        ? `${stage} began rewriting its outputs at ${when} and has not finished; run it again`
        : `made before ${stage} rewrote its outputs at ${when}; rerun ${name === 'report' ? '`fralign run` or `fralign inspect --html`' : `\`fralign ${name}\``}`;
    stages[name] = { ...record, status: 'stale', note };
  }
  if (Object.keys(stages).length > 0) await updateManifest(outDir, { stages });
}

const LIBRARIES = ['@huggingface/transformers', 'onnxruntime-node', 'multilingual-stemmer'] as const;

function libraryVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of LIBRARIES) {
    const version = dependencyVersion(name);
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
