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

describe.skipIf(!HAVE)(
  `dendrite convert${HAVE ? '' : ` (skipped: no Keras files in ${KERAS_DIR})`}`,
  () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'dendrite-cli-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('converts .h5 → TF.js folder → .keras with the same predictions', async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const source = path.join(KERAS_DIR, 'keras2/mlp-best-model.h5');
      const web = path.join(dir, 'web-model');
      const back = path.join(dir, 'back.keras');
      expect(await runCli(['convert', source, web])).toBe(0);
      expect((await readdir(web)).some((f) => f === 'model.json')).toBe(true);
      expect(await runCli(['convert', web, back])).toBe(0);
      const x = tf.randomUniform([4, 28, 28], 0, 1, 'float32', 5);
      const models = await Promise.all([loadModel(source), loadModel(web), loadModel(back)]);
      const outputs = models.map((m) =>
        tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync())),
      );
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
      expect(models[2]?.optimizer?.getClassName()).toBe('Adam');
      for (const m of models) m.dispose();
      x.dispose();
    }, 60_000);

    it('converts .keras → legacy .h5 → TF.js folder with the same predictions, compiled', async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const source = path.join(KERAS_DIR, 'keras3/mlp-best-model.keras');
      const legacy = path.join(dir, 'legacy.h5');
      const web = path.join(dir, 'web-from-h5');
      expect(await runCli(['convert', source, legacy])).toBe(0);
      expect(await runCli(['convert', legacy, web])).toBe(0);
      const x = tf.randomUniform([4, 28, 28], 0, 1, 'float32', 6);
      const models = await Promise.all([loadModel(source), loadModel(legacy), loadModel(web)]);
      const outputs = models.map((m) =>
        tf.tidy(() => Array.from((m.predict(x) as tf.Tensor).dataSync())),
      );
      expect(outputs[0]).toHaveLength(40);
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
      expect(models[1]?.optimizer?.getClassName()).toBe('Adam');
      for (const m of models) m.dispose();
      x.dispose();
    }, 60_000);

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
