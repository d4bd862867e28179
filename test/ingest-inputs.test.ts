// Inputs that are not articles (README.md, package.json, a JSON array, gzip data under another
// name) are refused in one line naming the file and what fralign reads, and the other inputs are
// still processed; a .jsonl.gz corpus is read (streamed through gunzip), a damaged one keeps its
// complete lines.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/index.ts';
import { ROOT, SEEDS, runCliAsync } from './helpers/cli.ts';

const SEED = path.join(SEEDS, '000_cbf94cc716c46ff7.txt');
const ARTICLES = [
  { id: 'a1', text: 'Le gouvernement a annoncé une réforme. Elle entre en vigueur lundi.', source: 'Le Monde' },
  { id: 'a2', text: 'La réforme entre en vigueur lundi, a annoncé le gouvernement.', source: 'Libération' },
  { id: 'a3', text: 'Les syndicats appellent à la grève.', source: 'Le Figaro' },
];
const jsonl = ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-inputs-'));
  await writeFile(path.join(dir, 'corpus.jsonl.gz'), gzipSync(jsonl));
  const whole = gzipSync(jsonl);
  await writeFile(path.join(dir, 'cut.jsonl.gz'), whole.subarray(0, whole.length - 12)); // no gzip trailer
  await writeFile(path.join(dir, 'plain.jsonl.gz'), jsonl); // named .gz, not compressed
  await writeFile(path.join(dir, 'array.json'), JSON.stringify(ARTICLES, null, 2));
  await writeFile(path.join(dir, 'notes.txt.gz'), gzipSync('Un article.'));
  await writeFile(path.join(dir, 'array'), JSON.stringify(ARTICLES, null, 2)); // no extension: sniffed
  await writeFile(path.join(dir, 'packed'), gzipSync(jsonl));
});

describe('a .jsonl.gz corpus given directly', () => {
  it('is read line by line, with the same documents as the plain .jsonl', async () => {
    await writeFile(path.join(dir, 'corpus.jsonl'), jsonl);
    const gz = await ingest([path.join(dir, 'corpus.jsonl.gz')]);
    const plain = await ingest([path.join(dir, 'corpus.jsonl')]);
    expect(gz.failures).toEqual([]);
    expect(gz.documents.map((d) => [d.id, d.text, d.meta])).toEqual(plain.documents.map((d) => [d.id, d.text, d.meta]));
    expect(gz.documents[0]?.path).toBe(`${path.join(dir, 'corpus.jsonl.gz')}:1`);
    // The manifest records the file as it is on disk: the compressed bytes.
    const compressed = await readFile(path.join(dir, 'corpus.jsonl.gz'));
    expect(gz.files).toEqual([expect.objectContaining({ bytes: compressed.length, documents: 3 })]);
  });

  it('cut off: the complete lines are kept and one failure names the file', async () => {
    const { documents, failures } = await ingest([path.join(dir, 'cut.jsonl.gz')]);
    expect(documents.map((d) => d.id)).toEqual(['a1', 'a2']);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toMatch(/cut\.jsonl\.gz: gzip data damaged or cut off after line 2 .*the 2 complete lines before were read/);
  });
});

describe('inputs that are not articles: one line naming the file and what fralign reads', () => {
  it.each([
    ['README.md', path.join(ROOT, 'README.md'), /README\.md: not an article \(a \.md file\); fralign reads \.txt articles .*rename it to \.txt/],
    ['package.json', path.join(ROOT, 'package.json'), /package\.json: a JSON document, not JSONL; .*jq -c/],
    ['a JSON array (.json)', 'array.json', /array\.json: a JSON document, not JSONL/],
    ['a JSON array without extension', 'array', /array: a JSON document, not JSONL/],
    ['gzip data without extension', 'packed', /packed: gzip-compressed data; .*NAME\.jsonl\.gz/],
    ['a .txt.gz', 'notes.txt.gz', /notes\.txt\.gz: compressed file that is not \.jsonl\.gz/],
    ['plain text named .jsonl.gz', 'plain.jsonl.gz', /plain\.jsonl\.gz: not valid gzip data/],
  ])('%s', async (_label, file, message) => {
    const input = path.isAbsolute(file) ? file : path.join(dir, file);
    const { documents, failures } = await ingest([input, SEED]);
    expect(documents.map((d) => d.id)).toEqual([path.basename(SEED, '.txt')]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.source).toBe(input);
    expect(failures[0]?.message).toMatch(message);
    expect(failures[0]?.message).not.toContain('\n');
  });
});

describe('fralign split with README.md, package.json and an article', () => {
  it('exits 1, names each refused file in one line, and writes the article', async () => {
    const out = path.join(dir, 'out');
    const result = await runCliAsync(['split', 'README.md', 'package.json', SEED, path.join(dir, 'corpus.jsonl.gz'), '--out', out]);
    expect(result.status).toBe(1);
    const refused = result.stderr.split('\n').filter((line) => /README\.md|package\.json/.test(line));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/README\.md: not an article/);
    expect(refused[1]).toMatch(/package\.json: a JSON document, not JSONL/);
    const docs = new Set((await readFile(path.join(out, 'sentences.jsonl'), 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { doc: string }).doc));
    expect([...docs].sort()).toEqual(['000_cbf94cc716c46ff7', 'a1', 'a2', 'a3']);
  });
});
