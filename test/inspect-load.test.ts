// Loading a run folder: what a user sees when a file is missing or a line is broken.
import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FralignError } from '../src/errors.ts';
import { loadRunOutputs } from '../src/inspect/load.ts';

const FIXTURES = 'test/fixtures/inspect';

describe('loadRunOutputs', () => {
  it('reads every line of the three JSONL files and the manifest', async () => {
    const outputs = await loadRunOutputs(`${FIXTURES}/basic`);
    expect(outputs.sentences).toHaveLength(14);
    expect(outputs.alignments).toHaveLength(7);
    expect(outputs.groups.map((group) => group.id)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5']);
    expect(outputs.manifest).toMatchObject({ counts: { documents: 3 } });
  });

  it('names the missing file and the command that makes it', async () => {
    const error = await loadRunOutputs(`${FIXTURES}/missing-groups`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FralignError);
    expect((error as FralignError).code).toBe('MISSING_STAGE_OUTPUT');
    expect((error as FralignError).message).toMatch(/missing-groups\/groups\.jsonl not found.*`fralign align test\/fixtures\/inspect\/missing-groups`/);
  });

  it('names the file and line of invalid JSON', async () => {
    const error = await loadRunOutputs(`${FIXTURES}/bad-line`).catch((e: unknown) => e);
    expect((error as FralignError).code).toBe('OUTPUT');
    expect((error as FralignError).message).toMatch(/^test\/fixtures\/inspect\/bad-line\/alignments\.jsonl:3: invalid JSON/);
  });

  describe('lines that parse but do not match the contracts', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fralign-inspect-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each([
      ['a pair with a text score', 'alignments.jsonl', (line: Record<string, unknown>) => ({ ...line, score: 'high' }), /alignments\.jsonl:2: expected an AlignmentPair with field "score" \(number\)/],
      ['a pair without signals', 'alignments.jsonl', (line: Record<string, unknown>) => ({ ...line, signals: undefined }), /alignments\.jsonl:2: expected an AlignmentPair with field "signals"/],
      ['a segment without fr', 'sentences.jsonl', (line: Record<string, unknown>) => ({ ...line, fr: undefined }), /sentences\.jsonl:2: expected a Segment with field "fr" \(string\)/],
      ['a group whose docs is a string', 'groups.jsonl', (line: Record<string, unknown>) => ({ ...line, docs: 'a,b' }), /groups\.jsonl:2: expected a FactGroup with field "docs"/],
      ['a group member without doc', 'groups.jsonl', (line: Record<string, unknown>) => ({ ...line, members: [{ id: 'x' }] }), /groups\.jsonl:2: expected a FactGroup whose members have field "doc"/],
      ['a manifest that is an array', 'manifest.json', () => [1, 2], /manifest\.json: expected a JSON object/],
    ])('%s: the error names the file and line', async (_case, file, breakLine, message) => {
      const run = join(dir, `${file}-${Math.random().toString(36).slice(2)}`);
      await cp(`${FIXTURES}/basic`, run, { recursive: true });
      const lines = (await readFile(join(run, file), 'utf8')).split('\n');
      if (file === 'manifest.json') lines.splice(0, lines.length, JSON.stringify(breakLine({})));
      else lines[1] = JSON.stringify(breakLine(JSON.parse(lines[1]!) as Record<string, unknown>));
      await writeFile(join(run, file), lines.join('\n'));
      await expect(loadRunOutputs(run)).rejects.toThrow(message);
    });
  });
});
