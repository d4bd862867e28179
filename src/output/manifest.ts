// The run manifest: what went in, what came out, with which code and model, and how long it took.
// Each stage merges its own section, so `fralign split` then `fralign align` build one manifest.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { dependencyVersion, VERSION } from '../version.ts';
import type { DocumentFailure } from '../types.ts';
import { writeJsonAtomic } from './atomic-write.ts';
import { outputPath } from './files.ts';

export type StageName = 'split' | 'translate' | 'align' | 'report';

export interface StageRecord {
  readonly status: 'done' | 'skipped' | 'failed';
  /** Wall time of the stage in milliseconds. */
  readonly ms: number;
  /** Why it was skipped or failed, in one line. */
  readonly note?: string;
  /** Options the stage ran with (defaults filled in). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Counts the stage produced. */
  readonly counts?: Readonly<Record<string, number | Readonly<Record<string, number>>>>;
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
  readonly documents?: readonly { readonly id: string; readonly path: string; readonly segments: number; readonly date?: string }[];
  readonly failures?: readonly DocumentFailure[];
  readonly model?: ModelRecord;
  readonly stages: Readonly<Partial<Record<StageName, StageRecord>>>;
}

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
  await writeJsonAtomic(outputPath(outDir, 'manifest'), manifest);
  return manifest;
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
