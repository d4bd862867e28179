// Every example `fralign --help` and `fralign COMMAND --help` print is run, as printed, by bash in a
// folder holding the files the examples name (seeds/, corpus.jsonl, articles/…), with `fralign` on
// PATH and the tiny test model as the default model: an example that stops working fails here.
// Each command's examples run in order after `out` is reset to a finished run.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHelp } from '../src/commands/help.ts';
import { commandNames, loadCommand, main } from '../src/commands/main.ts';
import { ROOT, SEEDS } from './helpers/cli.ts';
import { syntheticCorpus } from './helpers/synthetic-corpus.ts';

const BIN = path.join(ROOT, 'bin', 'fralign.js');
const TINY = path.join(ROOT, 'test', 'fixtures', 'models', 'tiny-marian');

/** The lines under EXAMPLES in the help text, as a user would copy them. */
function examplesIn(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf('EXAMPLES');
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start + 1 && line === '');
  return lines.slice(start + 2, end).map((line) => line.trim());
}

interface Outcome {
  readonly command: string;
  readonly example: string;
  readonly rc: number;
  readonly stderr: string;
}
const outcomes: Outcome[] = [];
let printed: [string, string[]][] = [];

beforeAll(async () => {
  const names = ['', ...(await commandNames())];
  printed = await Promise.all(
    names.map(async (name): Promise<[string, string[]]> => [name, examplesIn(await renderHelp(name === '' ? main : (await loadCommand(name))!, { name, color: false, width: 200 }))]),
  );

  const work = mkdtempSync(path.join(tmpdir(), 'fralign-examples-'));
  // The files the examples name.
  symlinkSync(SEEDS, path.join(work, 'seeds'));
  const corpus = syntheticCorpus(3, 4);
  writeFileSync(path.join(work, 'corpus.jsonl'), corpus);
  writeFileSync(path.join(work, 'corpus.jsonl.gz'), gzipSync(corpus));
  mkdirSync(path.join(work, 'articles'));
  const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
  for (const file of seedFiles) cpSync(path.join(SEEDS, file), path.join(work, 'articles', file));
  const outlets = ['Le Monde', 'Le Figaro', 'Libération', 'Ouest-France', 'La Croix'];
  writeFileSync(path.join(work, 'outlets.csv'), `file,outlet\n${seedFiles.map((f, i) => `${f},${outlets[i % outlets.length]!}`).join('\n')}\n`);
  cpSync(path.join(SEEDS, seedFiles[0]!), path.join(work, 'a.txt'));
  cpSync(path.join(SEEDS, seedFiles[1]!), path.join(work, 'b.txt'));
  writeFileSync(path.join(work, 'meta.jsonl'), `${JSON.stringify({ id: 'a', outlet: 'Le Monde' })}\n${JSON.stringify({ id: 'b', outlet: 'Le Figaro' })}\n`);
  writeFileSync(path.join(work, 'article.txt'), 'La Russie achète des obus.\nLe Kremlin dément toute livraison.\n');
  writeFileSync(path.join(work, 'notes.txt'), 'Washington accuse Moscou.\n');
  // The default model, as `fralign fetch-model` would leave it, and the test model where a clone has
  // it (copies: int8 weights are derived beside them).
  cpSync(TINY, path.join(work, 'models', 'Xenova', 'opus-mt-fr-en'), { recursive: true });
  cpSync(TINY, path.join(work, 'test', 'fixtures', 'models', 'tiny-marian'), { recursive: true });
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'fralign'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });

  // One bash script: a finished run of the seeds in `base` (its translation cache makes the examples'
  // runs of the seeds quick), then each command's examples after `out` is reset to it.
  const script = ['set -u', 'fralign run seeds --meta outlets.csv --out base --quiet || exit 99'];
  let i = 0;
  for (const [command, examples] of printed) {
    for (const example of examples) {
      script.push('rm -rf out && cp -r base out');
      // On its own line, as pasted: a trailing `# comment` stays a comment.
      script.push('(', 'set -o pipefail', example, `) > /dev/null 2> err.${i}; echo $? > rc.${i}`);
      outcomes.push({ command, example, rc: -1, stderr: '' });
      i++;
    }
  }
  writeFileSync(path.join(work, 'examples.sh'), `${script.join('\n')}\n`);
  const env = { ...process.env, NO_COLOR: '1', HOME: work, FRALIGN_MODELS: path.join(work, 'models'), PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', ['examples.sh'], { cwd: work, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });
  expect(code, 'the base run for the examples').toBe(0);
  outcomes.forEach((outcome, k) => {
    outcomes[k] = { ...outcome, rc: Number(readFileSync(path.join(work, `rc.${k}`), 'utf8').trim()), stderr: readFileSync(path.join(work, `err.${k}`), 'utf8') };
  });
}, 600_000);

describe('every --help example runs', () => {
  it('every command prints examples (a new command needs its own)', () => {
    expect(printed.filter(([, examples]) => examples.length === 0).map(([name]) => name)).toEqual(['merge']);
  });

  it('each example exits 0 with no error message', () => {
    const failed = outcomes.filter((o) => o.rc !== 0 || /^fralign: /m.test(o.stderr.replace(/^fralign: translation skipped:.*$/m, '')));
    expect(failed.map((o) => `fralign ${o.command} --help: ${o.example} → exit ${o.rc}: ${o.stderr.trim()}`)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(25);
  });
});
