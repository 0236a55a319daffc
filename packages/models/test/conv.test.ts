import {
  batchNormalization,
  conv2d,
  dense,
  flatten,
  globalAveragePooling2d,
  maxPooling2d,
} from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { type LayersModel, sequential } from '../src/index.js';
import * as e2e from './helpers.js';
import { ownedPerTest } from './owned.js';

const own = ownedPerTest();

/**
 * 8×8 one-channel images of one bright bar (value 1) on noise in [0, 0.3): class 0 is a
 * horizontal bar (a row), class 1 a vertical bar (a column).
 */
function bars(seed: number, n: number) {
  const random = tf.createRandom(seed);
  const xs = new Float32Array(n * 64);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const vertical = i % 2;
    const at = random.nextInt(8);
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 8; c++) {
        const onBar = vertical ? c === at : r === at;
        xs[i * 64 + r * 8 + c] = onBar ? 1 : random.next() * 0.3;
      }
    }
    ys[i] = vertical;
  }
  return { x: own(tf.tensor4d(xs, [n, 8, 8, 1])), y: own(tf.tensor1d(ys)) };
}

function convNet(head: 'global' | 'flatten'): LayersModel {
  return own(
    sequential({
      name: `bars_${head}`,
      layers: [
        conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        batchNormalization({}),
        maxPooling2d({ poolSize: 2 }),
        conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
        head === 'global' ? globalAveragePooling2d({}) : flatten({}),
        dense({ units: 2, activation: 'softmax' }),
      ],
    }),
  );
}

describe('convolutional net on 8×8 bar images', () => {
  it('reaches ≥ 0.9 accuracy, counts its params, keeps its tensor count and round-trips', async () => {
    tf.setSeed(3);
    const m = convNet('global');
    // conv 3·3·1·8 + 8 = 80; batchNorm 4·8 = 32 (gamma, beta trainable: 16; moving mean and
    // variance: 16); conv 3·3·8·16 + 16 = 1,168; dense 16·2 + 2 = 34.
    // Total 80 + 32 + 1,168 + 34 = 1,314; trainable 1,314 − 16 = 1,298.
    expect(e2e.summaryCounts(m)).toEqual({ total: 1314, trainable: 1298, nonTrainable: 16 });
    const train = bars(1, 128);
    const test = bars(2, 64);
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const history = await e2e.fitSteadily(m, train.x, train.y, { epochs: 12, batchSize: 16 });
    const result = await m.evaluate(test.x, test.y, { verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss.at(-1)).toBeLessThan((loss[0] as number) / 2);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    await e2e.expectPortable(m, test.x);
  });

  it('with a flatten head: summary counts and round trips', async () => {
    tf.setSeed(4);
    const m = convNet('flatten');
    // After 'valid' 3×3 conv: 6×6×8; pooled: 3×3×8; 'same' conv: 3×3×16; flatten: 144.
    // 80 + 32 + 1,168 + (144·2 + 2 = 290) = 1,570; trainable 1,570 − 16 = 1,554.
    expect(e2e.summaryCounts(m)).toEqual({ total: 1570, trainable: 1554, nonTrainable: 16 });
    const { x } = bars(5, 4);
    await e2e.expectPortable(m, x);
  });

  it('a tfjs-layers model of the same architecture loads in ours', async () => {
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }),
        tfl.layers.batchNormalization({
          betaInitializer: 'randomNormal',
          movingMeanInitializer: 'randomUniform',
          movingVarianceInitializer: 'randomUniform',
        }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tfl.layers.globalAveragePooling2d({}),
        tfl.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    expect(theirs.countParams()).toBe(1314);
    const { x } = bars(6, 6);
    await e2e.expectLoadsFromTfjsLayers(theirs, x);
  });

  it('trains on the wasm backend with the same losses and predictions as on the cpu', async () => {
    const train = bars(7, 32);
    const run = async () => {
      tf.setSeed(8);
      const m = convNet('global');
      m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
      const history = await e2e.fitSteadily(m, train.x, train.y, {
        epochs: 3,
        batchSize: 8,
        shuffle: false,
      });
      const prediction = m.predict(train.x) as tf.Tensor;
      const values = Array.from(prediction.dataSync());
      prediction.dispose();
      m.dispose();
      return { loss: history.history.loss as number[], values };
    };
    const onCpu = await run();
    try {
      const choice = await tf.useBackend('wasm', { log: false });
      expect(choice.name).toBe('wasm');
      // tfjs' test-mode kernel leak check miscounts the copies customGrad keeps on wasm.
      tf.env().set('IS_TEST', false);
      const onWasm = await run();
      expect(onWasm.loss.every(Number.isFinite)).toBe(true);
      expectCloseList(onWasm.loss, onCpu.loss, 1e-5);
      expectCloseList(onWasm.values, onCpu.values, 1e-5);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});

function expectCloseList(actual: number[], expected: number[], atol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(Math.abs(v - (expected[i] as number)), `at ${i}: ${v} vs ${expected[i]}`).toBeLessThan(
      atol,
    );
  });
}
