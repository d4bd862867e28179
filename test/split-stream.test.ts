// The split stage reads its inputs as a stream (issue 25): one document in memory at a time. What a
// user sees must not change: the same sentences.jsonl byte for byte and the same manifest records as
// the code that read the whole corpus first (test/fixtures/split-stream/expected.json was written by
// it); a JSONL corpus on a pipe is split as it arrives; a run with no document touches nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ingestDocuments } from '../src/ingest/index.ts';
import { runSplitStage } from '../src/pipeline/split.ts';
import { splitSummary, writeSplitCorpus } from './helpers/split-corpus.ts';

const EXPECTED = path.join(import.meta.dirname, 'fixtures', 'split-stream', 'expected.json');

interface Summary {
  readonly failures: readonly { source: string; code: string; message: string }[];
  readonly [key: string]: unknown;
}

describe('split of a mixed corpus (folder + sidecars, .jsonl with bad lines, .jsonl.gz, duplicates, --meta)', () => {
  it('writes the same sentences.jsonl and manifest records as before streaming', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-split-stream-'));
    const corpus = await writeSplitCorpus(dir);
    const out = path.join(dir, 'out');
    const result = await runSplitStage(corpus.inputs, out, { meta: corpus.meta });
    const { failures, ...rest } = (await splitSummary(dir, out)) as Summary;
    const { failures: expectedFailures, ...expectedRest } = JSON.parse(await readFile(EXPECTED, 'utf8')) as Summary;
    expect(rest).toEqual(expectedRest);
    // The same failures; one order changed on purpose: a .jsonl's duplicate id is now reported where
    // its line is (38, between 37 and 40), not after all of the file's parse failures.
    const byJson = (list: readonly unknown[]): string[] => list.map((f) => JSON.stringify(f)).sort();
    expect(byJson(failures)).toEqual(byJson(expectedFailures));
    expect(failures.filter((f) => f.source.startsWith('../corpus.jsonl:')).map((f) => f.source)).toEqual(['../corpus.jsonl:37', '../corpus.jsonl:38', '../corpus.jsonl:40']);
    // What the stage returns: manifest records (no text), as written to the manifest.
    expect(result.documents).toEqual(expectedRest['documents']);
    expect(result.documents.some((d) => 'text' in d)).toBe(false);
  });
});

describe('a JSONL corpus on a pipe', () => {
  it('yields its first document before the pipe is closed, and records the bytes it read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-split-fifo-'));
    const fifo = path.join(dir, 'feed');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const lines = [
      `${JSON.stringify({ id: 'p1', text: 'Le maire a démissionné lundi.' })}\n`,
      `${JSON.stringify({ id: 'p2', text: 'Le conseil se réunit jeudi.' })}\n`,
    ];
    const stream = ingestDocuments([fifo]);
    const first = stream.documents.next();
    const writer = createWriteStream(fifo);
    writer.write(lines[0]);
    const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('no document before the pipe closed')), 20_000));
    const got = await Promise.race([first, timeout]);
    expect(got.done ? undefined : got.value.id).toBe('p1');
    expect(stream.files).toEqual([]); // the input is still being read
    await new Promise<void>((resolve) => writer.end(lines[1], resolve));
    const rest: string[] = [];
    for await (const doc of stream.documents) rest.push(doc.id);
    expect(rest).toEqual(['p2']);
    const bytes = Buffer.from(lines.join(''));
    expect(stream.files).toEqual([{ path: fifo, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), documents: 2 }]);
    expect(stream.failures).toEqual([]);
  }, 30_000);
});

describe('memory: the stream keeps no document it has passed on', () => {
  it('documents already yielded from a .jsonl are garbage once the reader has moved on', async () => {
    // A full GC on demand (node:v8 flag + a fresh context's gc), so the check is deterministic.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-split-gc-'));
    const file = path.join(dir, 'big.jsonl');
    const sentence = 'Le conseil municipal a voté le budget de la ville après un long débat. ';
    const lines = Array.from({ length: 40 }, (_, i) => `${JSON.stringify({ id: `d${i}`, text: sentence.repeat(3000) })}\n`);
    await writeFile(file, lines.join(''));
    const stream = ingestDocuments([file]);
    const refs: WeakRef<object>[] = [];
    for await (const doc of stream.documents) refs.push(new WeakRef(doc));
    gc();
    expect(refs).toHaveLength(40);
    // Each line is ~200 KB, several 64 KiB reads: nothing of the early lines is held any more.
    expect(refs.slice(0, 35).filter((ref) => ref.deref() !== undefined)).toEqual([]);
    expect(stream.files).toEqual([expect.objectContaining({ documents: 40 })]);
  });
});

describe('a split with no readable document', () => {
  it('fails naming the inputs and leaves the run folder as it was (nothing created, nothing replaced)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-split-none-'));
    const fresh = path.join(dir, 'fresh');
    await expect(runSplitStage([path.join(dir, 'missing.txt')], fresh)).rejects.toThrow(/no readable input \(.*missing\.txt: no such file or folder.*\); nothing was written to/);
    await expect(readdir(fresh)).rejects.toThrow(/ENOENT/);

    const existing = path.join(dir, 'existing');
    await mkdir(existing);
    await writeFile(path.join(existing, 'sentences.jsonl'), '{"kept": true}\n');
    const empty = path.join(dir, 'empty.jsonl');
    await writeFile(empty, '\n{"id": "x"}\n');
    await expect(runSplitStage([empty], existing)).rejects.toThrow(/empty\.jsonl:2: missing or empty "text"/);
    expect(await readdir(existing)).toEqual(['sentences.jsonl']);
    expect(await readFile(path.join(existing, 'sentences.jsonl'), 'utf8')).toBe('{"kept": true}\n');
  });
});
