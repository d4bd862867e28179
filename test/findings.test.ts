// Issue 21 findings 7 and 10: each a reproduction that failed before and now gives one clear line,
// the right exit code and nothing lost.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable } from '../src/errors.ts';
import { decodeUtf8Text } from '../src/ingest/read-text.ts';
import { ROOT, runCliAsync, SEEDS } from './helpers/cli.ts';

const MODEL = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
const SEED = path.join(SEEDS, '000_cbf94cc716c46ff7.txt');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'fralign-findings-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const oneLine = (stderr: string): string[] => stderr.trim().split('\n');

describe('finding 7: export refuses the folders inspect and report refuse', () => {
  it.each([
    ['after a re-split (alignments marked stale)', async (dir: string) => expect((await runCliAsync(['split', SEED, '--out', dir, '-q'])).status).toBe(0)],
    ['after sentences.jsonl changed by hand (hash differs)', async (dir: string) => {
      const file = path.join(dir, 'sentences.jsonl');
      const lines = (await readFile(file, 'utf8')).split('\n');
      await writeFile(file, `${lines.slice(0, 10).join('\n')}\n`);
    }],
  ])('%s: one line, exit 1, nothing exported', async (name, change) => {
    const dir = path.join(tmp, `f7-${name.length}`);
    expect((await runCliAsync(['run', SEEDS, '--no-translate', '--out', dir, '-q'])).status).toBe(0);
    await change(dir);
    const out = path.join(tmp, `f7-${name.length}.jsonl`);
    const result = await runCliAsync(['export', dir, '--pairs', 'aligned', '--format', 'hf', '--out', out]);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/alignments\.jsonl and groups\.jsonl are stale/);
    expect(existsSync(out)).toBe(false);
    expect((await runCliAsync(['inspect', dir])).status).toBe(1);
  }, 90_000);
});

describe('finding 10: inputs', () => {
  it('a FIFO named like an article in an input folder is reported, the others are read', async () => {
    const dir = path.join(tmp, 'fifo-in');
    await mkdir(dir);
    await copyFile(SEED, path.join(dir, 'a.txt'));
    expect(spawnSync('mkfifo', [path.join(dir, 'b.txt')]).status).toBe(0);
    const result = await runCliAsync(['split', dir, '--out', path.join(tmp, 'fifo-out'), '-q']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/b\.txt: a FIFO \(named pipe\), not a regular file; skipped/);
    expect(await readFile(path.join(tmp, 'fifo-out', 'sentences.jsonl'), 'utf8')).toContain('"doc":"a"');
  }, 60_000);

  it('/dev/zero as input is refused at once, not read without end', async () => {
    const started = Date.now();
    const result = await runCliAsync(['split', '/dev/zero', SEED, '--out', path.join(tmp, 'zero-out'), '-q']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\/dev\/zero: is a device, not a file of articles/);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('a bad NAME.meta.json sidecar is reported and its article is still read', async () => {
    const dir = path.join(tmp, 'sidecar');
    await mkdir(dir);
    await copyFile(SEED, path.join(dir, 'a.txt'));
    await writeFile(path.join(dir, 'a.meta.json'), '{bad');
    const result = await runCliAsync(['split', dir, '--out', path.join(tmp, 'sidecar-out'), '-q']);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/a\.meta\.json: invalid JSON .*the article was read without it/);
    expect(await readFile(path.join(tmp, 'sidecar-out', 'sentences.jsonl'), 'utf8')).toContain('"doc":"a"');
  }, 60_000);

  it('a document too long for one JavaScript string says so, not "not valid UTF-8"', () => {
    const bytes = Buffer.alloc(0x1fffffe8 + 16, 0x61);
    expect(() => decodeUtf8Text(bytes, 'huge.txt')).toThrow(/huge\.txt: too large to read as one document \(512 MiB/);
  }, 60_000);

  it('the manifest counts only the documents accepted from each input (a duplicate id is not counted)', async () => {
    const [x, y] = [path.join(tmp, 'dup-x'), path.join(tmp, 'dup-y')];
    await mkdir(x);
    await mkdir(y);
    await copyFile(SEED, path.join(x, 'same.txt'));
    await copyFile(SEED, path.join(y, 'same.txt'));
    const out = path.join(tmp, 'dup-out');
    const result = await runCliAsync(['split', x, y, '--out', out, '-q']);
    expect(result.status).toBe(1);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { inputs: { path: string; documents: number }[] };
    expect(manifest.inputs.map((input) => input.documents)).toEqual([1, 0]);
  }, 60_000);

  it('error messages show U+202E and other bidi controls escaped', async () => {
    expect(printable('evil\u202Etxt.exe and \u2066x\u2069')).toBe('evil\\u202etxt.exe and \\u2066x\\u2069');
    const result = await runCliAsync(['split', path.join(tmp, 'nope\u202Etxt.txt'), '--out', path.join(tmp, 'bidi-out')]);
    expect(result.stderr).toContain('nope\\u202etxt.txt');
    expect(result.stderr).not.toContain('\u202E');
  }, 60_000);
});

describe('finding 10: models', () => {
  async function brokenModel(name: string, breakIt: (dir: string) => Promise<void>): Promise<string> {
    const dir = path.join(tmp, name);
    await cp(MODEL, dir, { recursive: true });
    await breakIt(dir);
    return dir;
  }

  it.each([
    ['an empty tokenizer.json', (dir: string) => writeFile(path.join(dir, 'tokenizer.json'), ''), /tokenizer\.json: empty file \(0 bytes\)/],
    [
      'a model of another architecture (an encoder where the decoder should be)',
      async (dir: string) => {
        await copyFile(path.join(dir, 'onnx', 'encoder_model.onnx'), path.join(dir, 'onnx', 'decoder_model_merged.onnx'));
        for (const name of ['decoder_model_merged_quantized.onnx']) await rm(path.join(dir, 'onnx', name), { force: true });
      },
      /decoder_model_merged\.onnx: not a MarianMT decoder export \(no input encoder_hidden_states/,
    ],
  ])('%s: one MODEL_INVALID line whose advice works (delete, then fetch-model)', async (name, breakIt, message) => {
    const model = await brokenModel(name.replace(/\W+/g, '-'), breakIt);
    const result = await runCliAsync(['run', SEED, '--model', model, '--dtype', 'fp32', '--out', path.join(tmp, `${name.length}-out`), '-q']);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|please report|\\x10/);
    expect(result.stderr).toMatch(/delete .* first, since fetch-model skips a model that is already there/);
  }, 60_000);
});
