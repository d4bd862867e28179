import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, parseDateMarker, parseJsonlDocument } from '../src/ingest/index.ts';

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
