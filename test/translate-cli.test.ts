// `fralign translate` as a user runs it: exit codes and the one-line messages of the usual mistakes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INT8_REWRITE_VERSION } from '../src/translate/int8-rewrite.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');

function fralign(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folderWithSentences(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fralign-cli-'));
  const lines = [
    { id: 'a:0', doc: 'a', index: 0, start: 0, end: 6, kind: 'body', fr: 'Merci.' },
    { id: 'a:1', doc: 'a', index: 1, start: 7, end: 17, kind: 'boilerplate', reason: 'x', fr: 'LIRE AUSSI' },
  ];
  writeFileSync(path.join(dir, 'sentences.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return dir;
}

describe('fralign translate', () => {
  it.each([
    ['no sentences.jsonl yet', () => mkdtempSync(path.join(tmpdir(), 'fralign-cli-')), [], 1, /sentences\.jsonl not found; run `fralign split <articles> --out .*` first/u],
    ['a model folder that does not exist', folderWithSentences, ['--model', '/nonexistent/model'], 2, /--model \/nonexistent\/model: folder .* does not exist/u],
    ['an unknown dtype', folderWithSentences, ['--dtype', 'fp16'], 2, /--dtype fp16: expected one of int8, fp32, q8/u],
    ['q8 with batches', folderWithSentences, ['--model', TINY, '--dtype', 'q8', '--batch-size', '4'], 2, /q8.*--batch-size 1/u],
  ])('%s: exit code and one-line message', (_name, makeDir, extra, status, message) => {
    const result = fralign('translate', '--out', makeDir(), '--quiet', ...extra);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fills en for body segments, leaves boilerplate, records the model in the manifest', () => {
    const dir = folderWithSentences();
    const result = fralign('translate', '--out', dir, '--model', TINY, '--dtype', 'int8', '--quiet');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const [body, boilerplate] = readFileSync(path.join(dir, 'sentences.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(typeof body.en).toBe('string');
    expect(boilerplate.en).toBeNull();
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.model).toMatchObject({ id: 'tiny-marian', dtype: 'int8', derived: { rewrite: `int8-rows-v${INT8_REWRITE_VERSION}` } });
    expect(body.en_score).toBeLessThanOrEqual(0);
    expect(manifest.stages.translate).toMatchObject({ status: 'done', counts: { translated_segments: 1 } });
  });
});
