// `fralign merge` verifies before it writes: every shard must come from the same inputs, model,
// options and fralign version, be translated (or not) like the others, give each document the same
// metadata (--meta, sidecars), and have its files exactly
// as its stages left them (line counts and sha256 recorded in its manifest). The first mismatch is
// one line naming the shard and the field; nothing is written.
import path from 'node:path';
import { FralignError } from '../errors.ts';
import { fileRecord, readManifest, type FileRecord, type RunManifest } from '../output/manifest.ts';
import type { ManifestDocument } from '../output/records.ts';

/** The files a shard contributes; each must match its manifest's record. */
export const SHARD_FILES = ['sentences.jsonl', 'stories.jsonl', 'alignments.jsonl', 'groups.jsonl'] as const;

/** Option keys that say how a shard was cut or how fast it ran, not what it computed. */
const NOT_COMPARED = new Set(['shard', 'concurrency', 'threads', 'batch_size', 'engine']);

/** One comparable field of a shard's manifest: its name in messages, and its value as text. */
interface Field {
  readonly name: string;
  readonly value: (manifest: RunManifest) => string;
}

const FIELDS: readonly Field[] = [
  { name: 'fralign version (tool.version)', value: (m) => m.tool?.version ?? 'none' },
  { name: 'inputs (their sha256)', value: (m) => JSON.stringify((m.inputs ?? []).map((input) => input.sha256)) },
  {
    name: 'translation (translated vs untranslated: stages.translate.status)',
    value: (m) => (m.stages.translate?.status === 'done' ? 'translated' : `untranslated (${m.stages.translate?.status ?? 'no translate stage'})`),
  },
  { name: 'model hash (model.hash)', value: (m) => (m.stages.translate?.status === 'done' ? (m.model?.hash ?? 'none') : 'none') },
  { name: 'model dtype (model.dtype)', value: (m) => (m.stages.translate?.status === 'done' ? (m.model?.dtype ?? 'none') : 'none') },
  { name: 'translate options (stages.translate.options)', value: (m) => (m.stages.translate?.status === 'done' ? comparable(m.stages.translate.options) : 'none') },
  { name: 'split options (stages.split.options)', value: (m) => comparable(m.stages.split?.options) },
  { name: 'stories options (stages.stories.options)', value: (m) => comparable(m.stages.stories?.options) },
  { name: 'align options (stages.align.options)', value: (m) => comparable(m.stages.align?.options) },
];

/** Options as sorted JSON, without the keys that may differ between shards of one run. */
export function comparable(options: Readonly<Record<string, unknown>> | undefined): string {
  if (!options) return 'none';
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]));
    }
    return value;
  };
  return JSON.stringify(sorted(Object.fromEntries(Object.entries(options).filter(([key]) => !NOT_COMPARED.has(key)))));
}

/** Options without the shard-only keys (for the merged manifest). */
export function runOptions(options: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  return Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'shard'));
}

/** Throws USAGE (exit 2) on the first shard that disagrees with the first one or whose files changed. */
export async function verifyShards(dirs: readonly string[]): Promise<RunManifest[]> {
  const manifests: RunManifest[] = [];
  for (const dir of dirs) {
    const manifest = await readManifest(dir);
    if (!manifest) throw new FralignError('USAGE', `merge: shard ${dir}: no readable manifest.json; rerun its \`fralign run --shard K/N\``);
    manifests.push(manifest);
  }
  const first = manifests[0]!;
  for (const [n, manifest] of manifests.entries()) {
    for (const field of FIELDS) {
      const value = field.value(manifest);
      const expected = field.value(first);
      if (value !== expected) {
        throw new FralignError(
          'USAGE',
          `merge: shard ${dirs[n]}: ${field.name} ${difference(value, expected)} in ${dirs[0]}; rerun the shards with one command line, one model and one fralign; nothing was written`,
        );
      }
    }
    const metadata = metadataDifference(manifest, first);
    if (metadata !== undefined) {
      throw new FralignError(
        'USAGE',
        `merge: shard ${dirs[n]}: document metadata (manifest documents[]: ${METADATA_KEYS.join(', ')}) differs from ${dirs[0]} for ${metadata}; the shards were split with different --meta tables (or sidecars): rerun them with one --meta file; nothing was written`,
      );
    }
  }
  for (const [n, manifest] of manifests.entries()) await verifyFiles(dirs[n]!, manifest);
  return manifests;
}

/**
 * The metadata a document's records carry (sentences and alignments: source, title; the manifest:
 * url, date too). The input hashes do not cover it: it comes from --meta or a sidecar, so shards
 * split with different tables would merge one outlet's name into another's sentences. Each shard's
 * manifest lists the metadata it applied to every document (all of them: each shard splits the
 * whole corpus), so that list is what is compared; the recorded path is not (it is relative to
 * each shard's own folder).
 */
const METADATA_KEYS = ['source', 'title', 'url', 'date'] as const;

/** "N documents, first ID: source is A but B" where `manifest` and `first` disagree; undefined when they agree. */
function metadataDifference(manifest: RunManifest, first: RunManifest): string | undefined {
  const byId = (m: RunManifest): Map<string, ManifestDocument> => new Map((m.documents ?? []).map((doc) => [doc.id, doc]));
  const here = byId(manifest);
  const there = byId(first);
  let count = 0;
  let firstDetail = '';
  for (const id of new Set([...there.keys(), ...here.keys()])) {
    const a = here.get(id);
    const b = there.get(id);
    const detail =
      a === undefined || b === undefined
        ? `${id} is ${a === undefined ? 'absent' : 'listed'} but ${b === undefined ? 'absent' : 'listed'}`
        : METADATA_KEYS.filter((key) => (a[key] ?? null) !== (b[key] ?? null))
            .map((key) => `${key} is ${shown(a[key])} but ${shown(b[key])}`)
            .join(', ');
    if (detail === '') continue;
    if (count++ === 0) firstDetail = a === undefined || b === undefined ? detail : `${id}: ${detail}`;
  }
  if (count === 0) return undefined;
  return `${count} document${count === 1 ? '' : 's'}, first ${firstDetail}`;
}

const shown = (value: string | null | undefined): string => (value === null || value === undefined ? 'unset' : short(JSON.stringify(value)));

async function verifyFiles(dir: string, manifest: RunManifest): Promise<void> {
  for (const name of SHARD_FILES) {
    const recorded: FileRecord | undefined = manifest.files?.[name];
    const file = path.join(dir, name);
    if (!recorded) {
      throw new FralignError('USAGE', `merge: shard ${dir}: files.${name} is not recorded in its manifest (made by an older fralign, or its stage did not finish); rerun that shard; nothing was written`);
    }
    let actual: FileRecord;
    try {
      actual = await fileRecord(file);
    } catch (error) {
      throw new FralignError('USAGE', `merge: shard ${dir}: ${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); rerun that shard; nothing was written`);
    }
    if (actual.lines !== recorded.lines) {
      throw new FralignError('USAGE', `merge: shard ${dir}: ${name} has ${actual.lines} lines but its manifest recorded ${recorded.lines} (cut or changed after it was written); rerun that shard; nothing was written`);
    }
    if (actual.sha256 !== recorded.sha256) {
      throw new FralignError('USAGE', `merge: shard ${dir}: ${name} sha256 differs from the one its manifest recorded (changed after it was written); rerun that shard; nothing was written`);
    }
  }
}

/** "is A but B" — for option objects, only the keys that differ ("differ: threshold is 1.5 but 1.2"). */
function difference(value: string, expected: string): string {
  let here: unknown;
  let there: unknown;
  try {
    here = JSON.parse(value);
    there = JSON.parse(expected);
  } catch {
    return `is ${short(value)} but ${short(expected)}`;
  }
  if (!isObject(here) || !isObject(there)) return `is ${short(value)} but ${short(expected)}`;
  const keys = [...new Set([...Object.keys(here), ...Object.keys(there)])].filter((key) => JSON.stringify(here[key]) !== JSON.stringify(there[key]));
  return `differ: ${keys.map((key) => `${key} is ${short(JSON.stringify(here[key]) ?? 'unset')} but ${short(JSON.stringify(there[key]) ?? 'unset')}`).join(', ')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}
