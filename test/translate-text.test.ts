// `fralign translate-text` as a pipe stage: French lines in, English lines out, run as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCliAsync } from './helpers/cli.ts';

const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');
const MODEL = ['--model', TINY, '--offline'];
const PAIRS = readFileSync(path.join(ROOT, 'test', 'fixtures', 'tiny-pairs.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

describe('fralign translate-text', () => {
  it('translates the sentence of `echo … | fralign translate-text` to the fixture model\'s English, messages on stderr', async () => {
    const result = await runCliAsync(['translate-text', ...MODEL], { input: 'La Russie achète des obus.\n' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('Russia is buying shells.\n');
    expect(result.stderr).toMatch(/^translate-text: 1 line with tiny-marian int8\n$/u);
  }, 120_000);

  it('gives one English line per French line — the model\'s training pairs exactly, blank lines kept — from a file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fralign-tt-')), 'fr.txt');
    writeFileSync(file, `${PAIRS.map(([fr]) => fr).join('\n')}\n\nMoscou achète des obus. La Russie.\n`);
    const result = await runCliAsync(['translate-text', file, ...MODEL, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${PAIRS.map(([, en]) => en).join('\n')}\n\nMoscow is buying shells. Russia.\n`);
  }, 120_000);

  it('--jsonl: each object comes back with en, en_flags and lang; English passed through, German left as it is, both flagged', async () => {
    const input = [
      { id: 1, fr: 'La Russie achète des roquettes.' },
      { id: 2, text: 'North Korea is secretly supplying Russia with artillery shells, a US official said.' },
      { id: 3, fr: 'Die Verhandlungen sind in der vergangenen Woche gescheitert.' },
    ];
    const result = await runCliAsync(['translate-text', '--jsonl', ...MODEL], { input: `${input.map((line) => JSON.stringify(line)).join('\n')}\n` });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: 1, fr: 'La Russie achète des roquettes.', en: 'Russia is buying rockets.', en_flags: [], lang: 'fr' },
      { ...input[1], en: input[1]?.text, en_flags: ['source-en'], lang: 'en' },
      { ...input[2], en: input[2]?.fr, en_flags: ['source-other'], lang: 'de' },
    ]);
    expect(result.stderr).toMatch(/lines flagged: 1 source-en, 1 source-other/u);
  }, 120_000);

  it('--jsonl: a line that is not an object with "fr" stops with one line naming stdin:LINE, after writing the lines before it', async () => {
    const result = await runCliAsync(['translate-text', '--jsonl', ...MODEL], { input: '{"fr": "Merci."}\n{"fr": 3}\n' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^fralign: stdin:2: expected a JSON object with a string "fr" \(or "text"\) field/u);
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  }, 120_000);

  it('ends quietly, exit 0, when the reader goes away (| head -1)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 'La Russie achète des obus.' : 'Merci.')).join('\n');
    const bin = path.join(ROOT, 'bin', 'fralign.js');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" translate-text --model "${TINY}" --offline | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], {
      input: lines,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stdout).toBe('Russia is buying shells.\n');
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /u);
    expect(result.stderr).toMatch(/exit 0\n$/u);
  }, 120_000);
});
