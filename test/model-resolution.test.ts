// Model resolution: explicit folder, models/<id>, download (which must fail clearly without network),
// offline errors that say where fralign looked and which command fixes it.
import { env } from '@huggingface/transformers';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FralignError } from '../src/errors.ts';
import { missingModelFiles, resolveModel } from '../src/translate/model.ts';

const TINY = path.join(import.meta.dirname, 'fixtures', 'models', 'tiny-marian');
const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'fralign-model-'));

async function failure(promise: Promise<unknown>): Promise<FralignError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FralignError);
  return error as FralignError;
}

const originalHost = env.remoteHost;
afterEach(() => {
  env.remoteHost = originalHost;
});

describe('resolveModel', () => {
  it('offline with no model: MODEL_MISSING naming the folder and the fetch-model command', async () => {
    const modelsDir = tmp();
    const error = await failure(resolveModel({ modelsDir, offline: true }));
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.message).toContain(path.join(modelsDir, 'Xenova', 'opus-mt-fr-en'));
    expect(error.message).toContain('fralign fetch-model Xenova/opus-mt-fr-en');
    expect(error.message).not.toContain('\n');
  });

  it('finds models/<id> under the models folder without any network', async () => {
    const modelsDir = tmp();
    cpSync(TINY, path.join(modelsDir, 'acme', 'tiny'), { recursive: true });
    const model = await resolveModel({ modelsDir, modelId: 'acme/tiny', offline: true });
    expect(model).toMatchObject({ id: 'acme/tiny', source: 'local', path: path.join(modelsDir, 'acme', 'tiny') });
    expect(model.hash).toBe((await resolveModel({ modelPath: TINY })).hash);
  });

  it('a failed download is MODEL_MISSING naming the target folder (no network needed: unreachable host)', async () => {
    env.remoteHost = 'http://127.0.0.1:9/';
    const modelsDir = tmp();
    const error = await failure(resolveModel({ modelsDir, modelId: 'acme/nothing-here' }));
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.message).toMatch(/^cannot download model acme\/nothing-here \(fp32\) into .*acme\/nothing-here: .*copy/u);
  }, 30_000);

  it.each([
    ['a folder that does not exist', (dir: string) => path.join(dir, 'nope'), 'MODEL_MISSING', /does not exist/u],
    [
      'a folder without the ONNX files',
      (dir: string) => {
        mkdirSync(path.join(dir, 'half'));
        writeFileSync(path.join(dir, 'half', 'config.json'), '{}');
        return path.join(dir, 'half');
      },
      'MODEL_INVALID',
      /missing tokenizer\.json.*onnx\/encoder_model\.onnx/u,
    ],
  ])('--model pointing at %s fails clearly', async (_name, makeFolder, code, message) => {
    const error = await failure(resolveModel({ modelPath: makeFolder(tmp()) }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('checks the files of the requested dtype', () => {
    expect(missingModelFiles(TINY, 'fp32')).toEqual([]);
    expect(missingModelFiles(TINY, 'q8')).toEqual([]);
  });
});
