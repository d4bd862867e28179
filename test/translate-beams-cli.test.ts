// `fralign translate --beams …` as a user runs it: the flag is checked before anything runs, the
// cache never serves a greedy translation to a beam run (or back), the manifest says which it was,
// and the first run says what it is doing ("deriving int8 weights …", "loading model …").
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');

function fralign(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Fixture {
  readonly cases: readonly { readonly fr: string }[];
  readonly runs: readonly { readonly beams: number; readonly length_penalty?: number; readonly outputs: readonly { readonly ids: readonly number[] }[] }[];
}
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'beams', 'tiny.json'), 'utf8')) as Fixture;
const greedyRun = fixture.runs.find((run) => run.beams === 1);
const beamRun = fixture.runs.find((run) => run.beams === 4 && run.length_penalty === undefined);
/** Sentences on which transformers' greedy and 4-beam outputs differ. */
const differing = fixture.cases.filter((_, i) => greedyRun?.outputs[i]?.ids.join(',') !== beamRun?.outputs[i]?.ids.join(',')).map((c) => c.fr);

function folderWith(sentences: readonly string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fralign-beams-cli-'));
  const lines = sentences.map((fr, index) => ({ id: `a:${index}`, doc: 'a', index, start: 0, end: fr.length, kind: 'body', fr }));
  writeFileSync(path.join(dir, 'sentences.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return dir;
}

const englishOf = (dir: string): string[] =>
  readFileSync(path.join(dir, 'sentences.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { en: string }).en);
const manifestOf = (dir: string): { stages: { translate: { options: { beams: number } } } } => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

describe('fralign translate --beams', () => {
  it.each([['0'], ['-1'], ['2.5'], ['many'], ['17']])('--beams %s: exit 2 with a one-line message, nothing written', (value) => {
    const dir = folderWith(['Merci.']);
    const before = readFileSync(path.join(dir, 'sentences.jsonl'), 'utf8');
    const result = fralign('translate', '--out', dir, '--model', TINY, '--quiet', '--beams', value);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`--beams ${value.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}: expected an integer from 1 to 16, or "model"`, 'u'));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'sentences.jsonl'), 'utf8')).toBe(before);
  });

  it('greedy, then --beams 4, then --beams model, then greedy again: each gets its own translations, the manifest says which', () => {
    expect(differing.length).toBeGreaterThan(0);
    const dir = folderWith(differing);
    const greedy = fralign('translate', '--out', dir, '--model', TINY, '--dtype', 'fp32');
    expect(greedy.status).toBe(0);
    expect(greedy.stderr).toContain('translate: loading model tiny-marian (fp32, 1 decode worker)…');
    expect(greedy.stderr).toMatch(/translate: model loaded in \d+\.\d s/u);
    const greedyEnglish = englishOf(dir);
    expect(manifestOf(dir).stages.translate.options.beams).toBe(1);

    const beams = fralign('translate', '--out', dir, '--model', TINY, '--dtype', 'fp32', '--beams', '4');
    expect(beams.status).toBe(0);
    // Not served from the greedy cache: the model was loaded and the English changed.
    expect(beams.stderr).toContain('loading model');
    const beamEnglish = englishOf(dir);
    expect(beamEnglish.filter((en, i) => en !== greedyEnglish[i]).length).toBeGreaterThan(0);
    expect(manifestOf(dir).stages.translate.options.beams).toBe(4);

    // The tiny model's generation_config says num_beams 4: the same cache, no model load.
    const model = fralign('translate', '--out', dir, '--model', TINY, '--dtype', 'fp32', '--beams', 'model');
    expect(model.status).toBe(0);
    expect(model.stderr).not.toContain('loading model');
    expect(englishOf(dir)).toEqual(beamEnglish);
    expect(manifestOf(dir).stages.translate.options.beams).toBe(4);

    const again = fralign('translate', '--out', dir, '--model', TINY, '--dtype', 'fp32', '--quiet');
    expect(again.status).toBe(0);
    expect(englishOf(dir)).toEqual(greedyEnglish);
  }, 300_000);

  it('the first int8 run of a model announces the one-time derivation with its expected duration', () => {
    const model = path.join(mkdtempSync(path.join(tmpdir(), 'fralign-beams-model-')), 'tiny');
    cpSync(TINY, model, { recursive: true, filter: (source) => !source.includes('int8rows') });
    const first = fralign('translate', '--out', folderWith(['Merci.']), '--model', model);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/translate: deriving int8 weights from the fp32 files of tiny \(\d+ MB\), once: expect ~\d+ s on 2 idle cores, more on a busy machine; later runs reuse them/u);
    expect(first.stderr).toMatch(/translate: int8 weights derived in \d+\.\d s/u);
    const second = fralign('translate', '--out', folderWith(['Merci.']), '--model', model);
    expect(second.stderr).not.toContain('deriving');
  }, 300_000);
});
