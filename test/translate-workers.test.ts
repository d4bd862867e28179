// The ort engine's worker pool: batches really decode at the same time on different workers, the
// workers go away on close(), and a broken decoder file fails with the same one-line error as before.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FralignError } from '../src/errors.ts';
import type { JobTiming } from '../src/translate/decode-protocol.ts';
import { resolveModel } from '../src/translate/model.ts';
import { createOrtTranslator } from '../src/translate/ort-engine.ts';

const TINY = path.join(import.meta.dirname, 'fixtures', 'models', 'tiny-marian');
const scratch = mkdtempSync(path.join(tmpdir(), 'fralign-workers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const messagePorts = (): number => process.getActiveResourcesInfo().filter((name) => name === 'MessagePort').length;

describe('decode worker pool', () => {
  it('decodes two batches at once on two different workers, and stops its workers on close()', async () => {
    const model = await resolveModel({ modelPath: TINY });
    const portsBefore = messagePorts();
    const decoded: { worker: number; timing: JobTiming }[] = [];
    // Long forced decodes (200 steps) so each batch's decoding dwarfs encoding the next one on the main thread.
    const translator = await createOrtTranslator(model, {
      concurrency: 2,
      generation: { lengthCap: { base: 200, perSourceToken: 0 }, forceSteps: 200 },
      onBatchDecoded: ({ worker, timing }) => decoded.push({ worker, timing }),
    });
    expect(messagePorts() - portsBefore).toBe(2);
    try {
      const batches = [['Bonjour.', 'Le chat dort.'], ['Il pleut.', 'Merci.'], ['Bonjour.'], ['Merci.']];
      const outputs = await Promise.all(batches.map((batch) => translator.translate(batch)));
      expect(outputs.map((o) => o.length)).toEqual(batches.map((b) => b.length));
      expect(new Set(decoded.map((d) => d.worker))).toEqual(new Set([0, 1]));
      // Two batches on different workers whose decoding intervals overlap: both threads were busy at once.
      const overlapping = decoded.some((a) =>
        decoded.some((b) => a.worker !== b.worker && a.timing.startedMs < b.timing.endedMs && b.timing.startedMs < a.timing.endedMs),
      );
      expect(overlapping).toBe(true);
    } finally {
      await translator.close();
    }
    expect(messagePorts()).toBe(portsBefore);
    await expect(translator.translate(['Bonjour.'])).rejects.toThrow(/after close/u);
  });

  it('gives the same results with one worker and with two', async () => {
    const model = await resolveModel({ modelPath: TINY });
    const french = ['Bonjour.', 'Le chat dort.', 'Il pleut.', 'Merci.'];
    const results: string[][] = [];
    for (const concurrency of [1, 2]) {
      const translator = await createOrtTranslator(model, { concurrency });
      try {
        const batches = await Promise.all([translator.translate(french.slice(0, 2)), translator.translate(french.slice(2))]);
        results.push(batches.flat().map((o) => o.en));
      } finally {
        await translator.close();
      }
    }
    expect(results[1]).toEqual(results[0]);
  });

  it.each(['encoder_model.onnx', 'decoder_model_merged.onnx'])('reports a broken %s as one MODEL_INVALID line naming the file, leaving no worker behind', async (brokenName) => {
    const folder = path.join(scratch, `broken-${brokenName}`);
    mkdirSync(path.join(folder, 'onnx'), { recursive: true });
    for (const name of readdirSync(TINY)) if (name.endsWith('.json')) copyFileSync(path.join(TINY, name), path.join(folder, name));
    for (const name of ['encoder_model.onnx', 'decoder_model_merged.onnx']) {
      const target = path.join(folder, 'onnx', name);
      if (name === brokenName) writeFileSync(target, 'not an onnx file');
      else copyFileSync(path.join(TINY, 'onnx', name), target);
    }
    const model = await resolveModel({ modelPath: folder, dtype: 'fp32' });
    const portsBefore = messagePorts();
    const failure = await createOrtTranslator(model, { concurrency: 2 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FralignError);
    expect(failure).toMatchObject({ code: 'MODEL_INVALID' });
    const message = (failure as FralignError).message;
    expect(message).toContain(path.join(folder, 'onnx', brokenName));
    expect(message).toMatch(/fetch-model skips a model that is already there, then run it again\)$/u);
    expect(message).not.toContain('\n');
    expect(messagePorts()).toBe(portsBefore);
  });
});
