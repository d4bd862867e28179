// What a shell user sees, from outside the clone: the real bin run from another folder, its output
// piped into head and jq. `… | head -1` on a 200-article run ends quietly (exit 0, nothing on
// stderr) for every command that writes data to standard output, `head -c` too (it closes the pipe
// mid-line); data named as /dev/stdout or - is alone on standard output; and the flags the issue found
// acting late or oddly are refused before anything is written. One bash script runs every case,
// so the test costs one node start per command, not per assertion.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from './helpers/cli.ts';
import { syntheticCorpus } from './helpers/synthetic-corpus.ts';

const BIN = path.join(ROOT, 'bin', 'fralign.js');

/** `name` → the command line (run by bash in a folder outside the clone, `fralign` on PATH). */
const PIPES: Readonly<Record<string, string>> = {
  'run | head -1': 'fralign run corpus.jsonl --no-translate --out r --quiet | head -1',
  'inspect --json - | head -1': 'fralign inspect r --json - | head -1',
  'inspect (terminal) | head -1': 'fralign inspect r | head -1',
  'inspect --html - | head -1': 'fralign inspect r --html - | head -1',
  'report --out - | head -1': 'fralign report r --out - | head -1',
  'export hf --out - | head -1': 'fralign export r --pairs aligned --format hf --out - | head -1',
  'export tsv --out - | head -1': 'fralign export r --pairs aligned --format tsv --out - | head -1',
  'export csv --out - | head -1': 'fralign export r --pairs aligned --format csv --out - | head -1',
  'export tmx --out - | head -1': 'fralign export r --pairs aligned --format tmx --out - | head -1',
  'export parquet --out - | head -1': 'fralign export r --pairs aligned --format parquet --out - | head -c 4',
  // head -c closes the pipe in the middle of a line (and of a UTF-8 character, for the JSON).
  'inspect --json - | head -c 100': 'fralign inspect r --json - | head -c 100',
  'export tsv --out - | head -c 50': 'fralign export r --pairs aligned --format tsv --out - | head -c 50',
  'report --out - | head -c 10': 'fralign report r --out - | head -c 10',
};

/**
 * Data named by the descriptor path of standard output, stdout redirected to a file: the file must
 * hold the data alone, byte for byte, and every message (summaries, "wrote …") goes to stderr.
 */
const TO_STDOUT: Readonly<Record<string, string>> = {
  'report --out /dev/stdout': 'fralign report r --out /dev/stdout',
  'report --out -': 'fralign report r --out -',
  'inspect --html /dev/stdout': 'fralign inspect r --html /dev/stdout',
  'inspect --json /dev/stdout': 'fralign inspect r --json /dev/stdout',
  'export tsv --out /dev/stdout': 'fralign export r --pairs aligned --format tsv --out /dev/stdout',
  'export hf --out -': 'fralign export r --pairs aligned --format hf --out -',
};

interface Outcome {
  readonly rc: number;
  readonly stdout: string;
  readonly stderr: string;
}

const outcomes = new Map<string, Outcome>();
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'fralign-pipes-'));
  writeFileSync(path.join(work, 'corpus.jsonl'), syntheticCorpus(40, 5));
  const bin = path.join(work, 'bin');
  // `fralign` on PATH, as `npm i -g` leaves it.
  const lines = [`mkdir -p "${bin}"`, `printf '#!/bin/sh\\nexec "%s" "%s" "$@"\\n' "${process.execPath}" "${BIN}" > "${bin}/fralign"`, `chmod +x "${bin}/fralign"`, `export PATH="${bin}:$PATH"`];
  const cases: [string, string][] = [
    ...Object.entries(PIPES),
    ...Object.entries(TO_STDOUT),
    ['inspect --json - | jq', "fralign inspect r --json - | jq -r '.a_source' | head -1"],
    ['run --out X --batch-size 0', `fralign run "${SEEDS}" --out x --batch-size 0`],
    ['run --out -', `fralign run "${SEEDS}" --out -`],
    ['align (no DIR)', 'fralign align'],
  ];
  cases.forEach(([, command], i) => {
    // The subshell's redirections cover every command of the pipeline (fralign's stderr included);
    // PIPESTATUS[0] is fralign's exit status, not head's.
    lines.push(`(${command}; echo "\${PIPESTATUS[0]}" > rc.${i}) > out.${i} 2> err.${i}`);
  });
  writeFileSync(path.join(work, 'cases.sh'), `${lines.join('\n')}\n`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', ['cases.sh'], { cwd: work, env: { ...process.env, NO_COLOR: '1' }, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
  cases.forEach(([name], i) => {
    const read = (file: string): string => readFileSync(path.join(work, `${file}.${i}`), 'utf8');
    outcomes.set(name, { rc: Number(read('rc').trim()), stdout: read('out'), stderr: read('err') });
  });
}, 240_000);

describe('| head (-1, and -c mid-line) on a 200-article run ends quietly: exit 0, nothing on stderr', () => {
  it.each(Object.keys(PIPES))('%s', (name) => {
    const outcome = outcomes.get(name)!;
    // Parquet is compressed: the whole file may fit in the pipe's buffer before head closes it, and
    // then the write succeeded and its summary is true. Everything else is cut off mid-write.
    if (name.includes('parquet')) expect(outcome.stderr).toMatch(/^(export: 2400 aligned rows → standard output\n)?$/);
    else expect(outcome.stderr).toBe('');
    expect(outcome.rc).toBe(0);
    if (name.startsWith('run')) expect(outcome.stdout).toBe('');
    else expect(outcome.stdout.length).toBeGreaterThan(0);
  });

  it('the 200 articles made a run of 40 stories (the pipes above read a real run)', () => {
    const manifest = JSON.parse(readFileSync(path.join(work, 'r', 'manifest.json'), 'utf8')) as { documents: unknown[] };
    expect(manifest.documents).toHaveLength(200);
    expect(readFileSync(path.join(work, 'r', 'stories.jsonl'), 'utf8').trim().split('\n')).toHaveLength(40);
  });

  it('inspect --json - | jq reads the pairs, outlet names included', () => {
    const outcome = outcomes.get('inspect --json - | jq')!;
    expect(outcome).toMatchObject({ rc: 0, stderr: '' });
    expect(outcome.stdout.trim()).toMatch(/^(Le Monde|Le Figaro|Libération|Ouest-France|La Croix|Le Parisien|AFP|Sud Ouest)$/);
  });
});

describe('data on standard output, messages on stderr (--out /dev/stdout or -, stdout redirected to a file)', () => {
  it.each(['report --out /dev/stdout', 'report --out -', 'inspect --html /dev/stdout'])('%s: standard output is the report page itself', (name) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.rc).toBe(0);
    expect(outcome.stdout).toBe(readFileSync(path.join(work, 'r', 'report.html'), 'utf8'));
    // The size line names where the page went; with - the page is all there is to say.
    expect(outcome.stderr).toMatch(name === 'report --out /dev/stdout' ? /^report: \/dev\/stdout \(\d+ KiB\)\n$/ : /^$/);
  });

  it('inspect --json /dev/stdout: every line of standard output is one pair record', () => {
    const outcome = outcomes.get('inspect --json /dev/stdout')!;
    expect(outcome).toMatchObject({ rc: 0, stderr: '' });
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2400);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('a_source');
  });

  it.each([
    ['export tsv --out /dev/stdout', '/dev/stdout'],
    ['export hf --out -', 'standard output'],
  ])('%s: the rows alone on standard output, the summary on stderr', (name, where) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.rc).toBe(0);
    expect(outcome.stderr).toBe(`export: 2400 aligned rows → ${where}\n`);
    const lines = outcome.stdout.trimEnd().split('\n');
    if (name.includes('tsv')) {
      // A header, then 2400 rows with as many fields as it names: no message line slipped in.
      const fields = lines[0]!.split('\t').length;
      expect(lines).toHaveLength(2401);
      for (const line of lines) expect(line.split('\t')).toHaveLength(fields);
    } else {
      expect(lines).toHaveLength(2400);
      for (const line of lines) expect(JSON.parse(line)).toBeTypeOf('object');
    }
  });
});

describe('refused before anything is written, one line, exit 2', () => {
  it.each([
    ['run --out X --batch-size 0', /--batch-size 0: expected a positive integer/, 'x'],
    ['run --out -', /--out -: a run folder cannot be standard output/, '-'],
    ['align (no DIR)', /align: no run folder given; pass it as DIR/, 'out'],
  ])('%s', (name, message, notCreated) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.rc).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toMatch(message);
    expect(existsSync(path.join(work, notCreated))).toBe(false);
  });
});
