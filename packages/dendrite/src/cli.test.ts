import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@dendrite/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.js';
import { loadModel } from './node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const KERAS_DIR =
  process.env.DENDRITE_KERAS_DIR ?? path.resolve(here, '../../../../shared/data/keras');
const HAVE = existsSync(path.join(KERAS_DIR, 'expected.json'));

/**
 * Converts each file of `files` to the next with the CLI (each exit code 0), then loads every
 * file and predicts the same four seeded 28×28 inputs with it; frees everything. Returns each
 * model's outputs and its optimizer's class name.
 */
async function convertChain(files: string[], seed: number) {
  for (let i = 1; i < files.length; i++) {
    expect(await runCli(['convert', files[i - 1] as string, files[i] as string])).toBe(0);
  }
  const x = tf.randomUniform([4, 28, 28], 0, 1, 'float32', seed);
  const models = await Promise.all(files.map((file) => loadModel(file)));
  const outputs = models.map((m) =>
    tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync())),
  );
  const optimizers = models.map((m) => m.optimizer?.getClassName());
  for (const m of models) m.dispose();
  x.dispose();
  return { outputs, optimizers };
}

describe.skipIf(!HAVE)(
  `dendrite convert${HAVE ? '' : ` (skipped: no Keras files in ${KERAS_DIR})`}`,
  () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'dendrite-cli-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    // [title, Keras file, the two files it is converted through, seed, the copy checked compiled]
    const chains: [string, string, [string, string], number, number][] = [
      [
        '.h5 → TF.js folder → .keras',
        'keras2/mlp-best-model.h5',
        ['web-model', 'back.keras'],
        5,
        2,
      ],
      [
        '.keras → legacy .h5 → TF.js folder',
        'keras3/mlp-best-model.keras',
        ['legacy.h5', 'web-from-h5'],
        6,
        1,
      ],
    ];
    for (const [title, source, hops, seed, compiled] of chains) {
      it(`converts ${title} with the same predictions, compiled`, async () => {
        vi.spyOn(console, 'log').mockImplementation(() => {});
        const files = [path.join(KERAS_DIR, source), ...hops.map((hop) => path.join(dir, hop))];
        const { outputs, optimizers } = await convertChain(files, seed);
        const folder = files.find((file) => !path.extname(file)) as string;
        expect((await readdir(folder)).some((f) => f === 'model.json')).toBe(true);
        // 4 samples × 10 classes.
        expect(outputs[0]).toHaveLength(40);
        expect(outputs[1]).toEqual(outputs[0]);
        expect(outputs[2]).toEqual(outputs[0]);
        expect(optimizers[compiled]).toBe('Adam');
      }, 60_000);
    }

    it('prints usage and exits 2 on bad arguments; exits 1 naming the problem on a bad file', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect(await runCli(['convert', 'only-one'])).toBe(2);
      expect(error.mock.calls[0]?.[0]).toMatch(/usage: dendrite convert <in> <out>/);
      expect(
        await runCli(['convert', path.join(dir, 'missing.keras'), path.join(dir, 'o.keras')]),
      ).toBe(1);
      expect(error.mock.calls[1]?.[0]).toMatch(/missing\.keras/);
    });
  },
);
