// The command-line contract (src/commands/contract.ts), walked over EVERY subcommand: the list comes
// from the CLI's own table (src/commands/main.ts), so a new command fails here until it has a row.
// Rejections run in this process (fast: they must throw before anything is opened); what a shell
// user sees (exit codes, pipes into head) runs the real bin in test/cli-pipes.test.ts.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isFralignError } from '../src/errors.ts';
import { argTableOf, commandNames, dispatch, loadCommand } from '../src/commands/main.ts';
import { SEEDS } from './helpers/cli.ts';

/**
 * One row per command. `valid`: a call the command accepts, with {RUN} a finished run folder, {NEW}
 * a folder or file that must not appear when the call is refused. `runDir`: how it names the run
 * folder it reads or writes ('DIR' positional, or '--out' for the commands that make one from
 * inputs; none for fetch-model). `bad`: a wrong flag value, refused before anything is written.
 */
interface Row {
  readonly valid: readonly string[];
  readonly runDir: 'DIR' | '--out' | 'none';
  readonly bad: readonly string[];
}
const TABLE: Readonly<Record<string, Row>> = {
  run: { valid: [SEEDS, '--out', '{NEW}', '--no-translate'], runDir: '--out', bad: ['--batch-size', '0'] },
  split: { valid: [SEEDS, '--out', '{NEW}'], runDir: '--out', bad: ['--out', ''] },
  translate: { valid: ['{RUN}', '--offline'], runDir: 'DIR', bad: ['--batch-size', '0'] },
  'translate-text': { valid: ['--cache-dir', '{NEW}', '--offline'], runDir: 'none', bad: ['--dtype', 'fp8'] },
  align: { valid: ['{RUN}'], runDir: 'DIR', bad: ['--threshold', 'high'] },
  stories: { valid: ['{RUN}'], runDir: 'DIR', bad: ['--stories', 'three'] },
  merge: { valid: ['{RUN}', '--out', '{NEW}'], runDir: '--out', bad: ['--out', '-'] },
  inspect: { valid: ['{RUN}', '--json', '{NEW}'], runDir: 'DIR', bad: ['--limit', '0'] },
  report: { valid: ['{RUN}', '--out', '{NEW}'], runDir: 'DIR', bad: ['--out', ''] },
  export: { valid: ['{RUN}', '--format', 'tsv', '--pairs', 'aligned', '--out', '{NEW}'], runDir: 'DIR', bad: ['--min-grade', '3'] },
  'fetch-model': { valid: ['Xenova/opus-mt-fr-en', '--models-dir', '{NEW}'], runDir: 'none', bad: ['--dtype', 'fp8'] },
};

let run: string;
let made: string;
let fresh: string;
const stdout = vi.spyOn(process.stdout, 'write');
const stderr = vi.spyOn(process.stderr, 'write');
// vitest routes console.* around process.stderr.write, so messages are caught here too.
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
afterEach(() => {
  stdout.mockReset();
  stderr.mockReset();
  consoleError.mockClear();
});
/** Stdout and stderr of an in-process call, captured (not shown). */
function captured(): { stdout: string; stderr: string } {
  const text = (spy: typeof stdout): string => spy.mock.calls.map(([chunk]) => String(chunk)).join('');
  const messages = consoleError.mock.calls.map((args) => `${args.map(String).join(' ')}\n`).join('');
  return { stdout: text(stdout), stderr: text(stderr) + messages };
}

beforeAll(async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'fralign-contract-'));
  made = path.join(base, 'made');
  stdout.mockImplementation(() => true);
  stderr.mockImplementation(() => true);
  expect(await dispatch(['run', SEEDS, '--out', made, '--no-translate', '--quiet'])).toBe(0);
  run = path.join(base, 'run');
  cpSync(made, run, { recursive: true });
  fresh = path.join(base, 'new');
});

/** Every file under dir with its size and mtime: what "nothing was written" compares. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const info = statSync(path.join(dir, name));
    files[name] = `${info.size}:${info.mtimeMs}`;
  }
  return files;
}

const fill = (args: readonly string[]): string[] => args.map((a) => a.replace('{RUN}', run).replace('{NEW}', fresh));

/** The call is refused with a usage error naming `message`, and neither the run folder nor {NEW} changed. */
async function expectRefused(command: string, args: readonly string[], message: RegExp): Promise<void> {
  const before = snapshot(run);
  stdout.mockImplementation(() => true);
  stderr.mockImplementation(() => true);
  const error = await dispatch([command, ...fill(args)]).then(
    (code) => new Error(`accepted (exit ${code}): ${JSON.stringify(args)}`),
    (e: unknown) => e,
  );
  expect(isFralignError(error) && error.code, String(error)).toBe('USAGE');
  expect((error as Error).message).toMatch(message);
  expect(captured().stdout, 'nothing on stdout').toBe('');
  expect(snapshot(run), 'the run folder is untouched').toEqual(before);
  expect(existsSync(fresh), `${fresh} was not created`).toBe(false);
}

describe('every subcommand has a row in the contract table', () => {
  it('the table lists exactly the commands the CLI dispatches', async () => {
    expect(Object.keys(TABLE).sort()).toEqual((await commandNames()).sort());
  });
});

describe.each(Object.keys(TABLE))('fralign %s', (command) => {
  const row = TABLE[command]!;
  const flags = async (type: 'string' | 'boolean'): Promise<string[]> =>
    Object.entries(await argTableOf((await loadCommand(command))!))
      .filter(([, def]) => def.type === type)
      .map(([name]) => name);

  it.each([
    ['an unknown flag at the end', (v: string[]) => [...v, '--no-such-flag'], /unknown option --no-such-flag; expected one of: --/],
    ['an unknown flag before the arguments', (v: string[]) => ['--no-such-flag', ...v], /unknown option --no-such-flag/],
    ['an unknown short flag', (v: string[]) => [...v, '-Z'], /unknown option -Z/],
    ['a misspelt flag with its value', (v: string[]) => [...v, '--ouy=x'], /unknown option --ouy/],
  ])('refuses %s (usage error, nothing written)', async (_what, mutate, message) => {
    await expectRefused(command, mutate([...row.valid]), message);
  });

  it('refuses a stray positional argument when it takes a fixed number of them', async () => {
    const table = await argTableOf((await loadCommand(command))!);
    const variadic = Object.values(table).some((def) => def.type === 'positional' && String('valueHint' in def ? def.valueHint : '').endsWith('...'));
    if (variadic) return; // run, split, merge: every positional is an input
    await expectRefused(command, [...row.valid, 'stray'], /unexpected argument "stray"/);
  });

  it('refuses a flag without its value, a flag given twice, and a value on a switch', async () => {
    const [text] = await flags('string');
    await expectRefused(command, [...row.valid, `--${text}`], new RegExp(`--${text} expects a value`));
    await expectRefused(command, [...row.valid, `--${text}`, 'a', `--${text}`, 'b'], /given twice/);
    const [toggle] = await flags('boolean');
    if (toggle) await expectRefused(command, [...row.valid, `--${toggle}=maybe`], new RegExp(`--${toggle}.* takes no value`));
  });

  it(`refuses a bad value before anything is written: ${row.bad.join(' ')}`, async () => {
    await expectRefused(command, [...row.valid, ...row.bad], /./);
  });

  it('a run folder is never "-" (standard output is for single files)', async () => {
    if (row.runDir === 'none') return;
    const args = row.runDir === 'DIR' ? row.valid.map((a) => (a === '{RUN}' ? '-' : a)) : row.valid.map((a) => (a === '{NEW}' ? '-' : a));
    await expectRefused(command, args, /-: a run folder cannot be standard output/);
  });
});

describe('the run folder is the positional DIR wherever a command reads one', () => {
  it.each([
    ['stories', []],
    ['align', []],
    ['inspect', ['--limit', '1', '--width', '80']],
    ['report', []],
    ['export', ['--format', 'hf', '--pairs', 'aligned']],
  ])('fralign %s DIR works on DIR, data on stdout only, messages on stderr', async (command, extra) => {
    stdout.mockImplementation(() => true);
    stderr.mockImplementation(() => true);
    expect(await dispatch([command, run, ...extra])).toBe(0);
    const { stdout: out, stderr: err } = captured();
    if (command === 'inspect') expect(out).toContain(`fralign inspect ${run}`);
    else expect(out).toBe('');
    if (command !== 'inspect') expect(err).toMatch(new RegExp(`^${command}: .*${path.basename(run)}`, 'm'));
  });

  it.each(['stories', 'align', 'translate'])('%s: --out DIR is kept as an alias; DIR and a different --out is refused; none at all is refused', async (command) => {
    await expectRefused(command, [run, '--out', fresh, '--offline'].filter((a) => command === 'translate' || a !== '--offline'), /two run folders given/);
    await expectRefused(command, command === 'translate' ? ['--offline'] : [], /no run folder given; pass it as DIR/);
    stdout.mockImplementation(() => true);
    stderr.mockImplementation(() => true);
    if (command !== 'translate') expect(await dispatch([command, '--out', run, '--quiet'])).toBe(0);
  });
});

describe('- means standard output only where one file is written', () => {
  it('export --format moses writes three files: --out - is refused', async () => {
    await expectRefused('export', ['{RUN}', '--format', 'moses', '--pairs', 'aligned', '--out', '-'], /--out -: --format moses writes two files; give --out PREFIX/);
  });

  it('inspect --html - writes the page to stdout', async () => {
    stdout.mockImplementation(() => true);
    expect(await dispatch(['inspect', run, '--html', '-'])).toBe(0);
    expect(captured().stdout).toMatch(/^<!doctype html>/i);
  });
});

describe('what people share carries no absolute local path', () => {
  it('the manifest records inputs given as absolute paths relative to the run folder; the report is titled by the folder name', () => {
    const manifest = JSON.parse(readFileSync(path.join(made, 'manifest.json'), 'utf8')) as {
      inputs: { path: string }[];
      documents: { path: string }[];
    };
    const paths = [...manifest.inputs, ...manifest.documents].map((entry) => entry.path);
    expect(paths.length).toBeGreaterThan(5);
    for (const file of paths) {
      expect(path.isAbsolute(file), file).toBe(false);
      expect(existsSync(path.resolve(made, file)), `${file} from the run folder`).toBe(true);
    }
    const report = readFileSync(path.join(made, 'report.html'), 'utf8');
    expect(report).toContain('<title>fralign report — made</title>');
    expect(report).not.toContain(path.dirname(made));
  });
});
