import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as tf from '@dendrite/tensor';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKerasModel, loadKerasWeights } from './load.js';
import { HAVE_KERAS, KERAS_DIR, SKIP_REASON } from './test-files.js';

/** Runs `load` expecting it to fail with `pattern`, and checks no tensor is left behind. */
async function refuses(load: () => Promise<unknown>, pattern: RegExp, kind?: string) {
  const before = tf.memory().numTensors;
  const error = await load().then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, 'the load should fail').toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(pattern);
  if (kind) expect((error as Error).name).toBe(kind);
  expect(tf.memory().numTensors).toBe(before);
}

describe('loadKerasModel refuses files it cannot trust', () => {
  it('wrong magic bytes', async () => {
    await refuses(
      () => loadKerasModel(strToU8('{"modelTopology": {}}'), 'model.keras'),
      /model\.keras is neither a Keras 3 \.keras file.*first bytes are \[123, 34/,
    );
  });

  it('zip entries with .. or absolute names, before anything is inflated', async () => {
    for (const bad of ['../evil.json', '/etc/passwd', 'a/../../b']) {
      const zip = zipSync({ 'config.json': strToU8('{}'), [bad]: strToU8('x') });
      await refuses(
        () => loadKerasModel(zip, 'evil.keras'),
        /evil\.keras holds a zip entry with an absolute or escaping name/,
      );
    }
  });

  it('a zip without config.json', async () => {
    const zip = zipSync({ 'metadata.json': strToU8('{}') });
    await refuses(
      () => loadKerasModel(zip, 'x.keras'),
      /x\.keras is a zip archive without config\.json/,
    );
  });

  it('a Lambda layer, by name; an unknown class, by name and file', async () => {
    const lambda = {
      class_name: 'Sequential',
      config: {
        layers: [{ class_name: 'Lambda', config: { name: 'my_lambda', function: ['4wEAAAAA'] } }],
      },
    };
    const zip = (config: unknown) =>
      zipSync({ 'config.json': strToU8(JSON.stringify(config)), 'metadata.json': strToU8('{}') });
    await refuses(
      () => loadKerasModel(zip(lambda), 'l.keras'),
      /layer "my_lambda" is a Keras Lambda layer/,
    );
    const unknown = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'FancyLayer', config: { name: 'fancy' } }] },
    };
    await refuses(
      () => loadKerasModel(zip(unknown), 'u.keras'),
      /u\.keras: unknown layer class "FancyLayer" \(layer "fancy"\)/,
      'UnknownNameError',
    );
  });
});

describe.skipIf(!HAVE_KERAS)(
  `bad variants of real Keras files${HAVE_KERAS ? '' : ` (${SKIP_REASON})`}`,
  () => {
    let mlp: Record<string, Uint8Array>;
    let legacy: Uint8Array;
    beforeAll(async () => {
      mlp = unzipSync(
        new Uint8Array(await readFile(path.join(KERAS_DIR, 'keras3/mlp-whole-model.keras'))),
      );
      legacy = new Uint8Array(await readFile(path.join(KERAS_DIR, 'keras2/mlp-best-model.h5')));
    });

    it('a zip bomb: model.weights.h5 inflating past what the config can need', async () => {
      // The MLP's weights are 318 KB as float32; 8 MB of zeros compresses to a few KB.
      const bomb = zipSync(
        { ...mlp, 'model.weights.h5': new Uint8Array(8 * 1024 * 1024) },
        { level: 9 },
      );
      expect(bomb.byteLength).toBeLessThan(200_000);
      await refuses(
        () => loadKerasModel(bomb, 'bomb.keras'),
        /model\.weights\.h5 declares 8388608 bytes; at most \d+ are expected/,
      );
    });

    it('dataset shapes that disagree with the layer config, before any weight is written', async () => {
      const config = JSON.parse(new TextDecoder().decode(mlp['config.json']));
      config.config.layers[2].config.units = 50;
      const zip = zipSync({ ...mlp, 'config.json': strToU8(JSON.stringify(config)) });
      await refuses(
        () => loadKerasModel(zip, 'shape.keras'),
        /dataset \/layers\/dense\/vars\/0 has shape \[784, 100\] but weight .*kernel of the model config has shape \[784, 50\]/,
        'ShapeError',
      );
    });

    it('truncated HDF5, whole-model and inside a .keras', async () => {
      await refuses(
        () => loadKerasModel(legacy.slice(0, legacy.byteLength / 2), 'cut.h5'),
        /cut\.h5 is not a readable HDF5 file \(truncated or corrupt\)|cut\.h5/,
      );
      const h5 = mlp['model.weights.h5'] as Uint8Array;
      const zip = zipSync({ ...mlp, 'model.weights.h5': h5.slice(0, h5.byteLength - 4096) });
      await refuses(() => loadKerasModel(zip, 'cut.keras'), /cut\.keras/);
    });

    it('loadWeights checks shapes before changing any weight', async () => {
      const model = await loadKerasModel(legacy, 'mlp.h5');
      const before = model.weights.map((w) => Array.from(w.read().dataSync()).slice(0, 3));
      const other = new Uint8Array(
        await readFile(path.join(KERAS_DIR, 'keras3/lstm-best-model.keras')),
      );
      const weights = unzipSync(other)['model.weights.h5'] as Uint8Array;
      await refuses(() => loadKerasWeights(model, weights, 'lstm.weights.h5'), /lstm\.weights\.h5/);
      expect(model.weights.map((w) => Array.from(w.read().dataSync()).slice(0, 3))).toEqual(before);
      model.dispose();
    });
  },
);
