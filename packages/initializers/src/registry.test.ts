import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { Constant } from './constant.js';
import { Identity } from './identity.js';
import { BaseInitializer } from './initializer.js';
import { Ones } from './ones.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal } from './random-normal.js';
import { RandomUniform } from './random-uniform.js';
import { get, type InitializerName, names, register, serialize } from './registry.js';
import { TruncatedNormal } from './truncated-normal.js';
import * as presets from './variance-presets.js';
import { VarianceScaling } from './variance-scaling.js';
import { Zeros } from './zeros.js';

const INSTANCES = [
  new Zeros(),
  new Ones(),
  new Constant({ value: 0.7 }),
  new RandomNormal({ mean: 1, stddev: 0.2, seed: 3 }),
  new RandomUniform({ minval: -2, maxval: 3 }),
  new TruncatedNormal({ stddev: 0.4, seed: 0 }),
  new VarianceScaling({ scale: 2.5, mode: 'fan_out', distribution: 'uniform', seed: 8 }),
  new presets.GlorotUniform({ seed: 1 }),
  new presets.GlorotNormal(),
  new presets.HeUniform({ seed: 2 }),
  new presets.HeNormal(),
  new presets.LeCunUniform(),
  new presets.LeCunNormal({ seed: 4 }),
  new Orthogonal({ gain: 2 }),
  new Identity({ gain: 3 }),
];

describe('get / serialize', () => {
  it.each(INSTANCES.map((i) => [i.getClassName(), i] as const))(
    '%s: config -> instance -> config is identical',
    (className, init) => {
      const stored = serialize(init);
      expect(stored.className).toBe(className);
      const again = get(JSON.parse(JSON.stringify(stored)));
      expect(serialize(again)).toEqual(stored);
    },
  );

  it.each([
    ['glorotUniform', 'GlorotUniform'],
    ['glorot_uniform', 'GlorotUniform'],
    ['GlorotUniform', 'GlorotUniform'],
    ['he_normal', 'HeNormal'],
    ['lecun_uniform', 'LeCunUniform'],
    ['LecunNormal', 'LeCunNormal'],
    ['truncated_normal', 'TruncatedNormal'],
    ['variance_scaling', 'VarianceScaling'],
    ['zeros', 'Zeros'],
    ['identity', 'Identity'],
    ['OrthogonalInitializer', 'Orthogonal'],
  ] as const)('resolves %s to %s', (name, className) => {
    expect(get(name as InitializerName).getClassName()).toBe(className);
  });

  it('loads a TF.js-saved glorotNormal (stored as VarianceScaling with "normal")', () => {
    const init = get({
      className: 'VarianceScaling',
      config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null },
    }) as VarianceScaling;
    expect(init.distribution).toBe('truncatedNormal');
  });

  it("loads Keras 3's OrthogonalInitializer config and draws an orthogonal matrix", () => {
    // As saved by Keras 3.6 (lstm-best-model.keras): {"gain": 1.0, "seed": null}.
    const init = get({ className: 'OrthogonalInitializer', config: { gain: 1.5, seed: 5 } });
    expect(serialize(init)).toEqual({ className: 'Orthogonal', config: { gain: 1.5, seed: 5 } });
    // Wᵀ·W = gain² · I for a square orthogonal matrix times gain.
    const error = tf.tidy(() => {
      const w = init.apply([4, 4]);
      const gram = tf.matMul(w, w, true, false);
      return tf.max(tf.abs(tf.sub(gram, tf.mul(tf.eye(4), 1.5 * 1.5)))).dataSync()[0];
    });
    expect(error).toBeLessThan(1e-5);
  });

  it('returns an instance unchanged and rejects unknown names', () => {
    const init = new presets.HeUniform();
    expect(get(init)).toBe(init);
    expect(() => get('xavier' as InitializerName)).toThrow(tf.UnknownNameError);
    expect(() => get('xavier' as InitializerName)).toThrow(
      `Unknown initializer "xavier"; expected one of: ${names().join(', ')}`,
    );
  });

  it('accepts user registrations under package>Name', () => {
    class Half extends BaseInitializer {
      protected generate(shape: number[]) {
        return tf.fill(shape, 0.5);
      }
      getClassName() {
        return 'mine>Half';
      }
      getConfig() {
        return {};
      }
    }
    register('mine>Half', () => new Half());
    const t = get({ className: 'mine>Half', config: {} }).apply([2]);
    expect(Array.from(t.dataSync())).toEqual([0.5, 0.5]);
    t.dispose();
  });
});
