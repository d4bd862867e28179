// A small corpus that exercises every way ingest reads articles (a folder of .txt with sidecars and a
// subfolder, a .jsonl with bad and duplicate lines, a .jsonl.gz, a repeated article, a missing path,
// a --meta table), so the split stage's outputs can be compared byte for byte across changes to how
// the inputs are read. test/fixtures/split-stream/expected.json holds what the split stage wrote for
// it before ingest was streamed (commit "ingest: stream documents ...").
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SEEDS } from './cli.ts';
import { syntheticCorpus } from './synthetic-corpus.ts';

export interface SplitCorpus {
  readonly inputs: readonly string[];
  readonly meta: string;
}

const SEED_FILES = ['000_cbf94cc716c46ff7', '001_a381a8de4f316d59', '002_791b76ca8c774dff', '003_69673ac11f88ea3f', '004_31d5ac676ff9227d'];

export async function writeSplitCorpus(dir: string): Promise<SplitCorpus> {
  const articles = path.join(dir, 'articles');
  await mkdir(path.join(articles, 'more'), { recursive: true });
  for (const [i, name] of SEED_FILES.entries()) {
    await copyFile(path.join(SEEDS, `${name}.txt`), path.join(i < 3 ? articles : path.join(articles, 'more'), `${name}.txt`));
  }
  await writeFile(path.join(articles, `${SEED_FILES[0]}.meta.json`), JSON.stringify({ source: 'Le Monde', title: 'Obus', url: 'https://example.org/a' }));
  await writeFile(path.join(articles, `${SEED_FILES[1]}.meta.json`), '{not json');
  await writeFile(path.join(articles, 'notes.md'), '# not read: a folder yields only *.txt\n');

  const extra = [
    '{"id": "bad", "text": ',
    JSON.stringify({ id: 's001-v1', text: 'Un doublon : cet identifiant est déjà pris.' }),
    '',
    JSON.stringify({ id: 'empty', text: '  ' }),
    JSON.stringify({ id: 'emoji', outlet: 'Le Parisien', text: 'Titre 🎉 avec un emoji\r\n\r\nLe maire a parlé 😀 hier. Il reviendra demain.\r\nLIRE AUSSI : autre chose' }),
  ];
  const corpus = path.join(dir, 'corpus.jsonl');
  await writeFile(corpus, `${syntheticCorpus(12, 3)}${extra.join('\n')}\n`);
  const gz = path.join(dir, 'more.jsonl.gz');
  await writeFile(gz, gzipSync(syntheticCorpus(4, 2).replaceAll('"id":"s', '"id":"g')));

  const repeated = path.join(dir, 'again');
  await mkdir(repeated, { recursive: true });
  await copyFile(path.join(SEEDS, `${SEED_FILES[2]}.txt`), path.join(repeated, `${SEED_FILES[2]}.txt`));

  const meta = path.join(dir, 'meta.csv');
  await writeFile(meta, ['id,source,title', 's002-v0,Mediapart,Titre corrigé', `${SEED_FILES[3]}.txt,Ouest-France,`, 'nobody,Nowhere,Rien'].join('\n'));
  return { inputs: [articles, corpus, gz, path.join(repeated, `${SEED_FILES[2]}.txt`), path.join(dir, 'missing.txt')], meta };
}

/** What a split of the corpus wrote that must not change: sentences.jsonl's hash and the manifest's records (absolute paths in messages shown as <DIR>). */
export async function splitSummary(dir: string, out: string): Promise<unknown> {
  const sentences = await readFile(path.join(out, 'sentences.jsonl'));
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const split = (manifest['stages'] as { split: { counts: unknown } }).split;
  const summary = {
    sentences: { bytes: sentences.length, lines: sentences.toString('utf8').split('\n').length - 1, sha256: createHash('sha256').update(sentences).digest('hex') },
    inputs: manifest['inputs'],
    documents: manifest['documents'],
    failures: manifest['failures'],
    counts: split.counts,
  };
  return JSON.parse(JSON.stringify(summary).replaceAll(dir, '<DIR>')) as unknown;
}
