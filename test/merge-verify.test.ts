// `fralign merge` verifies before it writes (issue 21 finding 5, issue 24): shards that disagree
// (inputs, model, translated or not, options, version, document metadata from --meta) or whose files changed after they were
// written are refused in one line naming the shard and the field, exit 2, nothing written.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliAsync, SEEDS } from './helpers/cli.ts';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
let base: string;
const shard = (k: number): string => path.join(base, `shard-${k}`);

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'fralign-merge-verify-'));
  const runs = await Promise.all([1, 2].map((k) => runCliAsync(['run', SEEDS, CORPUS, '--no-translate', '--shard', `${k}/2`, '--out', shard(k), '-q'])));
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

type Manifest = Record<string, unknown> & { stages: Record<string, Record<string, unknown>>; files: Record<string, { lines: number; sha256: string; bytes: number }> };
const readManifest = async (dir: string): Promise<Manifest> => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** A copy of shard 2 changed by `change`. */
async function changedShard(name: string, change: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(base, name);
  await cp(shard(2), dir, { recursive: true });
  await change(dir);
  return dir;
}

async function editManifest(dir: string, edit: (manifest: Manifest) => void): Promise<void> {
  const manifest = await readManifest(dir);
  edit(manifest);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

describe('each shard records its files at write time', () => {
  it('line counts, bytes and sha256 of sentences, stories, alignments and groups', async () => {
    const manifest = await readManifest(shard(1));
    for (const name of ['sentences.jsonl', 'stories.jsonl', 'alignments.jsonl', 'groups.jsonl']) {
      const text = await readFile(path.join(shard(1), name), 'utf8');
      expect(manifest.files[name]).toMatchObject({ lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });
});

describe('merge refuses shards that disagree or changed', () => {
  it.each([
    [
      'alignments.jsonl cut at a line boundary',
      async (dir: string) => {
        const lines = (await readFile(path.join(dir, 'alignments.jsonl'), 'utf8')).split('\n');
        await writeFile(path.join(dir, 'alignments.jsonl'), `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
      },
      /alignments\.jsonl has \d+ lines but its manifest recorded \d+/,
    ],
    [
      'groups.jsonl changed in place',
      async (dir: string) => {
        const text = await readFile(path.join(dir, 'groups.jsonl'), 'utf8');
        await writeFile(path.join(dir, 'groups.jsonl'), text.replace(/"score":\s*[\d.]+/, '"score":9'));
      },
      /groups\.jsonl sha256 differs from the one its manifest recorded/,
    ],
    ['translated mixed with untranslated', (dir: string) => editManifest(dir, (m) => { m.stages['translate'] = { status: 'done', ms: 1 }; m['model'] = { id: 'x', path: 'x', hash: 'abc', dtype: 'int8' }; }), /translation \(translated vs untranslated.*\) is translated but untranslated/],
    ['another fralign version', (dir: string) => editManifest(dir, (m) => { m['tool'] = { name: 'fralign', version: '0.0.1' }; }), /fralign version \(tool\.version\) is 0\.0\.1/],
    ['other inputs', (dir: string) => editManifest(dir, (m) => { (m['inputs'] as { sha256: string }[])[0]!.sha256 = '0'.repeat(64); }), /inputs \(their sha256\)/],
    ['no per-file record (an older fralign)', (dir: string) => editManifest(dir, (m) => { delete (m as Partial<Manifest>).files; }), /files\.sentences\.jsonl is not recorded in its manifest/],
  ])('%s: one line naming the shard and field, exit 2, nothing written', async (name, change, message) => {
    const dir = await changedShard(name.replace(/\W+/g, '-'), change);
    const out = path.join(base, `merged-${name.replace(/\W+/g, '-')}`);
    const result = await runCliAsync(['merge', shard(1), dir, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`shard ${dir}: `);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('shards run with different align options are refused; the merged manifest records the options', async () => {
    const other = path.join(base, 'threshold');
    const run = await runCliAsync(['run', SEEDS, CORPUS, '--no-translate', '--shard', '2/2', '--threshold', '1.5', '--out', other, '-q']);
    expect(run.status, run.stderr).toBe(0);
    const refused = await runCliAsync(['merge', shard(1), other, '--out', path.join(base, 'mixed')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`shard ${other}: align options \\(stages\\.align\\.options\\) differ: threshold is 1\\.5 but [\\d.]+ in `));
    expect(existsSync(path.join(base, 'mixed'))).toBe(false);

    const merged = path.join(base, 'merged');
    const ok = await runCliAsync(['merge', shard(1), shard(2), '--out', merged, '-q']);
    expect(ok.status, ok.stderr).toBe(0);
    const manifest = await readManifest(merged);
    expect(manifest.stages['align']!['options']).toMatchObject({ threshold: expect.any(Number), k: expect.any(Number) });
    expect(manifest.stages['align']!['options']).not.toHaveProperty('shard');
    expect(manifest.files['alignments.jsonl']!.lines).toBe((await readFile(path.join(merged, 'alignments.jsonl'), 'utf8')).split('\n').length - 1);
  }, 120_000);

  it('shards split with different --meta tables are refused, naming both shards and the document; one table at two folder depths merges', async () => {
    const table = path.join(base, 'meta.csv');
    await writeFile(table, 'id,source\nquimper-ouest,Ouest-France\n');
    // Shard 2 one folder deeper than shard 1: the manifests' document paths differ, their metadata does not.
    const withMeta = (k: number): string => path.join(base, 'meta', ...(k === 2 ? ['deeper'] : []), `shard-${k}`);
    const runs = await Promise.all([1, 2].map((k) => runCliAsync(['run', SEEDS, CORPUS, '--no-translate', '--shard', `${k}/2`, '--meta', table, '--out', withMeta(k), '-q'])));
    for (const run of runs) expect(run.status, run.stderr).toBe(0);

    const mixedOut = path.join(base, 'mixed-meta');
    const refused = await runCliAsync(['merge', shard(1), withMeta(2), '--out', mixedOut]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`shard ${withMeta(2)}: document metadata`);
    expect(refused.stderr).toContain(`differs from ${shard(1)} for 1 document, first quimper-ouest: source is "Ouest-France" but unset;`);
    expect(refused.stderr).toMatch(/different --meta tables .*nothing was written$/m);
    expect(existsSync(mixedOut)).toBe(false);

    const sameOut = path.join(base, 'same-meta');
    const ok = await runCliAsync(['merge', withMeta(1), withMeta(2), '--out', sameOut, '-q']);
    expect(ok.status, ok.stderr).toBe(0);
    const sentences = (await readFile(path.join(sameOut, 'sentences.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { doc: string; source: string | null });
    expect(new Set(sentences.filter((s) => s.doc === 'quimper-ouest').map((s) => s.source))).toEqual(new Set(['Ouest-France']));
  }, 120_000);
});
