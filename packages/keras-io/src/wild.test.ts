import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { loadKerasModel } from './load.js';
import { HAVE_KERAS, KERAS_DIR, SKIP_REASON } from './test-files.js';

const WILD = [
  '2nithing__mask_detector_gradio__keras_model.h5',
  'AlexFox221__genre_classifier__mainFolder_cnn_model.h5',
  'Vasuki2799__Apple-Stock-Price-Prediction__gru_model.keras',
  'Vasuki2799__Apple-Stock-Price-Prediction__transformer_model.keras',
  'AdamVenroy__sentiment-classifer__model.keras',
];

describe.skipIf(!HAVE_KERAS)(`wild Keras files${HAVE_KERAS ? '' : ` (${SKIP_REASON})`}`, () => {
  for (const name of WILD) {
    it(`${name} loads and predicts finite values of the right shape`, async () => {
      const bytes = new Uint8Array(await readFile(path.join(KERAS_DIR, 'wild', name)));
      const model = await loadKerasModel(bytes, name);
      const shape = (model.inputs[0]?.shape ?? []).map((d) => d ?? 2);
      const out = tf.tidy(
        () => model.predict(tf.randomUniform(shape, 0, 1, 'float32', 3)) as tf.Tensor,
      );
      const values = Array.from(out.dataSync());
      expect(out.shape).toEqual([2, ...((model.outputs[0]?.shape ?? []).slice(1) as number[])]);
      expect(values.every(Number.isFinite)).toBe(true);
      out.dispose();
      model.dispose();
    }, 120_000);
  }

  it('agrees with an h5py/NumPy reading of the fully readable files (fixtures/wild_reference.py) to 1e-4', async () => {
    const reference = JSON.parse(
      await readFile(new URL('../fixtures/wild-reference.json', import.meta.url), 'utf8'),
    ) as Record<string, { input: unknown; shape: number[]; output: number[][] }>;
    for (const [name, { input, shape, output }] of Object.entries(reference)) {
      const bytes = new Uint8Array(await readFile(path.join(KERAS_DIR, 'wild', name)));
      const model = await loadKerasModel(bytes, name);
      const out = tf.tidy(() => {
        const x = tf.tensor((input as number[]).flat(3), shape, 'float32');
        return model.predict(x) as tf.Tensor;
      });
      const got = Array.from(out.dataSync());
      out.dispose();
      const want = output.flat();
      expect(got.length).toBe(want.length);
      for (const [i, v] of want.entries())
        expect(Math.abs((got[i] as number) - v)).toBeLessThan(1e-4);
      model.dispose();
    }
  }, 120_000);

  it('refuses the CarND file by naming its Lambda layer, leaking nothing', async () => {
    const name = '1524045patrick__CarND-BehavioiurCloning-P3__model.h5';
    const bytes = new Uint8Array(await readFile(path.join(KERAS_DIR, 'wild', name)));
    const before = tf.memory().numTensors;
    await expect(loadKerasModel(bytes, name)).rejects.toThrow(
      /layer "lambda_1" is a Keras Lambda layer, which holds Python code/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
