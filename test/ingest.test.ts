import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readJsonlFile } from '../src/output/index.ts';
import type { Segment } from '../src/types.ts';
import { ingest, parseDateMarker, parseJsonlDocument } from '../src/ingest/index.ts';
import { runSplitStage } from '../src/pipeline/split.ts';
import { runCli } from './helpers/cli.ts';
import { faults } from './helpers/fault-fs.ts';

// Lets a test make one folder unreadable (as root, chmod 000 would not stop the reads).
vi.mock('node:fs/promises', async (real) => (await import('./helpers/fault-fs.ts')).faultyFsPromises(await real()));
afterEach(() => faults.reset());

const SEEDS = path.join(import.meta.dirname, '..', 'seeds');

describe('ingest on the seeds', () => {
  it('reads the five seed articles with file-stem ids, untouched text, and leading date markers as meta.date', async () => {
    const { documents, failures, files } = await ingest([SEEDS]);
    expect(failures).toEqual([]);
    expect(documents.map((d) => d.id)).toEqual([
      '000_cbf94cc716c46ff7', '001_a381a8de4f316d59', '002_791b76ca8c774dff', '003_69673ac11f88ea3f', '004_31d5ac676ff9227d',
    ]);
    expect(documents.map((d) => d.meta.date)).toEqual(['2022-09', undefined, undefined, '2022-09', undefined]);
    expect(documents[0]?.text.startsWith(' date 2022-09 NOUVEAUVous')).toBe(true);
    expect(files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.documents === 1)).toBe(true);
  });
});

describe('parseDateMarker', () => {
  it.each([
    [' date 2022-09 NOUVEAU', { date: '2022-09', start: 0, end: 13 }],
    ['date 2023-01-15 Le texte', { date: '2023-01-15', start: 0, end: 15 }],
    ['La date 2022-09 est passée', undefined],
    ['date limite : demain', undefined],
  ])('%j', (text, expected) => {
    expect(parseDateMarker(text)).toEqual(expected);
  });
});

describe('bad input: one clear line naming the file, and nothing else lost', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-ingest-'));
    await mkdir(path.join(dir, 'nested', 'deeper'), { recursive: true });
    await writeFile(path.join(dir, 'good.txt'), 'Le gouvernement a annoncé une réforme. Elle entre en vigueur lundi.');
    await writeFile(path.join(dir, 'nested', 'deeper', 'other.txt'), 'Un autre article.');
    await writeFile(path.join(dir, 'nested', 'notes.md'), 'ignored: not *.txt');
    await writeFile(path.join(dir, 'empty.txt'), '');
    await writeFile(path.join(dir, 'blank.txt'), '  \n\n ');
    await writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(dir, 'latin1.txt'), Buffer.from('Le d\xe9put\xe9 a parl\xe9.', 'latin1'));
    await writeFile(
      path.join(dir, 'corpus.jsonl'),
      [
        JSON.stringify({ id: 'lemonde-1', text: 'date 2022-09 Moscou achète des obus.', source: 'Le Monde' }),
        '{"id": "broken", "text": ',
        '',
        JSON.stringify({ id: 'no-text' }),
        JSON.stringify(['not', 'an', 'object']),
        JSON.stringify({ id: 'good', text: 'Doublon du fichier good.txt.' }),
        JSON.stringify({ id: 7, text: 'Identifiant numérique.' }),
      ].join('\n'),
    );
  });

  it('keeps every good document and reports each bad one once', async () => {
    const { documents, failures } = await ingest([dir, path.join(dir, 'corpus.jsonl'), path.join(dir, 'missing.txt')]);
    expect(documents.map((d) => d.id).sort()).toEqual(['7', 'good', 'lemonde-1', 'other']);
    const jsonlDoc = documents.find((d) => d.id === 'lemonde-1');
    expect(jsonlDoc?.meta).toEqual({ source: 'Le Monde', date: '2022-09' });
    expect(jsonlDoc?.path).toBe(`${path.join(dir, 'corpus.jsonl')}:1`);
    expect(failures).toHaveLength(9);
    for (const failure of failures) expect(failure.message).not.toContain('\n');
  });

  it.each([
    ['empty.txt', /empty\.txt: empty file/],
    ['blank.txt', /blank\.txt: only whitespace/],
    ['binary.txt', /binary\.txt: binary file \(NUL byte at offset 4\)/],
    ['latin1.txt', /latin1\.txt: not valid UTF-8 at line 1 \(byte offset 4\); re-encode it/],
    ['missing.txt', /missing\.txt: no such file or folder/],
    ['corpus.jsonl:2', /corpus\.jsonl:2: invalid JSON/],
    ['corpus.jsonl:4', /corpus\.jsonl:4: missing or empty "text"/],
    ['corpus.jsonl:5', /corpus\.jsonl:5: expected a JSON object .* got an array/],
    ['corpus.jsonl:6', /corpus\.jsonl:6: duplicate document id "good", already used by .*good\.txt/],
  ])('%s', async (source, message) => {
    const { failures } = await ingest([dir, path.join(dir, 'corpus.jsonl'), path.join(dir, 'missing.txt')]);
    const matching = failures.filter((f) => message.test(f.message));
    expect(matching, failures.map((f) => f.message).join('\n')).toHaveLength(1);
    expect(matching[0]?.source.endsWith(source)).toBe(true);
  });

  it('rejects a folder without articles with a hint', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'fralign-empty-'));
    const { failures } = await ingest([empty]);
    expect(failures[0]?.message).toMatch(/folder has no \*\.txt articles/);
  });

  it('keeps unknown JSONL keys as metadata', () => {
    const result = parseJsonlDocument('{"id":"x","text":"Bonjour.","title":"T","url":"https://e.fr"}', 'c.jsonl', 3);
    expect(result).toEqual({ ok: true, doc: { id: 'x', path: 'c.jsonl:3', text: 'Bonjour.', meta: { title: 'T', url: 'https://e.fr' } } });
  });
});

describe('one bad line in a JSONL corpus: that line is named and skipped, every other line is kept', () => {
  const line = (i: number): string => JSON.stringify({ id: `doc-${i}`, text: `Le député numéro ${i} a parlé à l'Assemblée.` });

  it.each([
    ['a latin-1 byte on line 51', Buffer.from('{"id": "doc-51", "text": "Le d\xe9put\xe9 a parl\xe9."}', 'latin1'), /corpus\.jsonl:51: not valid UTF-8 \(byte 0xe9 at column 31\); this line was skipped, the other lines were read/],
    ['a raw NUL inside line 51', Buffer.from('{"id": "doc-51", "text": "Le d\u0000put\u00e9."}', 'utf8'), /corpus\.jsonl:51: NUL byte at column 31; this line was skipped/],
    ['a bare null on line 51', Buffer.from('null'), /corpus\.jsonl:51: expected a JSON object \{"id": "...", "text": "..."\}, got null$/],
    ['an empty id on line 51', Buffer.from('{"id": "", "text": "Un texte."}'), /corpus\.jsonl:51: empty "id" ""; give every line a non-empty unique id/],
  ])('%s', async (_case, bad, message) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-jsonl-'));
    const file = path.join(dir, 'corpus.jsonl');
    const lines = Array.from({ length: 101 }, (_, i) => Buffer.from(line(i + 1)));
    lines[50] = bad;
    await writeFile(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
    const { documents, failures } = await ingest([file]);
    expect(documents).toHaveLength(100);
    expect(documents.map((d) => d.id)).not.toContain('doc-51');
    expect(documents.find((d) => d.id === 'doc-52')?.text).toBe("Le député numéro 52 a parlé à l'Assemblée.");
    expect(failures).toHaveLength(1);
    expect(failures[0]?.source).toBe(`${file}:51`);
    expect(failures[0]?.message).toMatch(message);
    // Re-encoding the whole file from latin-1 would garble the 100 valid lines: never advised here.
    expect(failures[0]?.message).not.toMatch(/iconv/);
  });

  it('a .txt that is UTF-8 but for one byte gets the line, and no whole-file re-encoding advice', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-txt-'));
    const file = path.join(dir, 'mixed.txt');
    await writeFile(file, Buffer.concat([Buffer.from('Première ligne accentuée.\nDeuxième ligne.\n'), Buffer.from('Le d\xe9put\xe9.\n', 'latin1')]));
    const { failures } = await ingest([file]);
    expect(failures[0]?.message).toMatch(/mixed\.txt: not valid UTF-8 at line 3 \(byte offset \d+\); the rest of the file is UTF-8, so fix that byte by hand/);
    expect(failures[0]?.message).not.toMatch(/iconv/);
  });
});

describe('byte-order marks: offsets refer to the text as Node and Python read the file (BOM kept)', () => {
  it('a .txt with a BOM: every segment is text.slice(start, end) of readFileSync(file, "utf8")', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-bom-'));
    const file = path.join(dir, 'bom.txt');
    await writeFile(file, '\uFEFFLe ministre a parlé. Il reviendra demain.');
    const out = path.join(dir, 'out');
    await runSplitStage([file], out);
    const segments = await readJsonlFile<Segment>(path.join(out, 'sentences.jsonl'), 'split first');
    const asNodeReadsIt = readFileSync(file, 'utf8');
    expect(asNodeReadsIt.startsWith('\uFEFF')).toBe(true);
    expect(segments.map((s) => s.fr)).toEqual(['Le ministre a parlé.', 'Il reviendra demain.']);
    for (const segment of segments) expect(asNodeReadsIt.slice(segment.start, segment.end)).toBe(segment.fr);
    expect(segments[0]?.start).toBe(1);
  });

  it('a .jsonl with a BOM: the first line still parses', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-bom-'));
    const file = path.join(dir, 'bom.jsonl');
    await writeFile(file, `\uFEFF${JSON.stringify({ id: 'a', text: 'Bonjour.' })}\n`);
    const { documents, failures } = await ingest([file]);
    expect(failures).toEqual([]);
    expect(documents.map((d) => d.text)).toEqual(['Bonjour.']);
  });
});

describe('folders: an unreadable subfolder is named and the rest is read; symlinks are followed, loops reported', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-walk-'));
    const outside = await mkdtemp(path.join(os.tmpdir(), 'fralign-outside-'));
    await mkdir(path.join(dir, 'a'), { recursive: true });
    await mkdir(path.join(dir, 'locked'), { recursive: true });
    await mkdir(path.join(outside, 'linked'), { recursive: true });
    await writeFile(path.join(dir, 'a', 'one.txt'), 'Premier article.');
    await writeFile(path.join(dir, 'locked', 'hidden.txt'), 'Article illisible.');
    await writeFile(path.join(outside, 'two.txt'), 'Deuxième article.');
    await writeFile(path.join(outside, 'linked', 'three.txt'), 'Troisième article.');
    await symlink(path.join(outside, 'two.txt'), path.join(dir, 'two.txt'));
    await symlink(path.join(outside, 'linked'), path.join(dir, 'linked'));
    await symlink(dir, path.join(dir, 'a', 'loop'));
    await symlink(path.join(outside, 'gone.txt'), path.join(dir, 'broken.txt'));
  });

  it('reads the linked file and folder, names the unreadable folder, the loop and the broken link', async () => {
    faults.unreadable.set(path.join(dir, 'locked'), 'EACCES');
    const { documents, failures } = await ingest([dir]);
    expect(documents.map((d) => d.id).sort()).toEqual(['one', 'three', 'two']);
    const messages = failures.map((f) => f.message);
    expect(messages).toHaveLength(3);
    expect(messages).toContainEqual(expect.stringMatching(/locked: cannot read folder \(EACCES\); its articles were skipped, the others were read/));
    expect(messages).toContainEqual(expect.stringMatching(/a\/loop: links to .*, already read \(symlink loop or second link\)/));
    expect(messages).toContainEqual(expect.stringMatching(/broken\.txt: broken symlink \(ENOENT\)/));
  });

  it('the top folder itself unreadable: named in one failure', async () => {
    faults.unreadable.set(dir, 'EACCES');
    const { documents, failures } = await ingest([dir]);
    expect(documents).toEqual([]);
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/cannot read folder \(EACCES\)/)]);
  });
});

describe('a 10 MB article', () => {
  // In a child process: ~10 s of synchronous splitting inside the test worker would stall vitest's RPC.
  it('splits into its ~160k sentences (no call-stack overflow) and every one is written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fralign-huge-'));
    const sentence = 'Le gouvernement a annoncé lundi une réforme des retraites. ';
    const file = path.join(dir, 'huge.txt');
    await writeFile(file, sentence.repeat(Math.ceil(10_000_000 / Buffer.byteLength(sentence))));
    const out = path.join(dir, 'out');
    const result = runCli(['split', file, '--out', out]);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    const written = (await readFile(path.join(out, 'sentences.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(written.length).toBeGreaterThan(150_000);
    expect(result.stderr).toMatch(new RegExp(`^split: 1 document, ${written.length} segments`));
  }, 120_000);
});
