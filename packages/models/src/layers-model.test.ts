import { dense, dropout, input } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { model } from './layers-model.js';
import { sequential } from './sequential.js';

const created: { dispose(): void }[] = [];
afterEach(() => {
  for (const item of created.splice(0)) item.dispose();
});

function twoLayer() {
  const x = input({ shape: [2] });
  const hidden = dense({ units: 2 });
  const out = dense({ units: 1 });
  const m = model({ inputs: x, outputs: out.apply(hidden.apply(x)) });
  created.push(m);
  m.setWeights([
    tf.tensor2d([
      [1, 2],
      [3, 4],
    ]),
    tf.tensor1d([0.5, -0.5]),
    tf.tensor2d([[1], [-1]]),
    tf.tensor1d([0.25]),
  ]);
  return m;
}

describe('functional model', () => {
  it('predicts through the graph', () => {
    const m = twoLayer();
    // h = [1*1 + 1*3 + 0.5, 1*2 + 1*4 - 0.5] = [4.5, 5.5]; y = 4.5 - 5.5 + 0.25 = -0.75
    // second row [2, 0]: h = [2.5, 3.5]; y = -1 + 0.25 = -0.75
    const y = m.predict(
      tf.tensor2d([
        [1, 1],
        [2, 0],
      ]),
    ) as tf.Tensor;
    expectClose(y, tf.tensor2d([[-0.75], [-0.75]]));
    y.dispose();
  });

  it('returns weights in Keras order (layer by layer, kernel then bias)', () => {
    const m = twoLayer();
    expect(m.weights.map((w) => w.shape)).toEqual([[2, 2], [2], [2, 1], [1]]);
    const weights = m.getWeights();
    expectClose(weights[1] as tf.Tensor, [0.5, -0.5]);
    tf.dispose(weights);
  });

  it('handles several inputs and outputs and a shared layer', () => {
    const a = input({ shape: [2] });
    const b = input({ shape: [2] });
    const shared = dense({ units: 1, useBias: false });
    const sum = dense({ units: 1, useBias: false });
    const outA = shared.apply(a);
    const outB = shared.apply(b);
    const m = model({ inputs: [a, b], outputs: [outA, sum.apply(outB)] });
    created.push(m);
    m.setWeights([tf.tensor2d([[2], [3]]), tf.tensor2d([[10]])]);
    // a = [1, 1] → 2 + 3 = 5; b = [1, 0] → 2, then times 10 = 20
    const [ya, yb] = m.predict([tf.tensor2d([[1, 1]]), tf.tensor2d([[1, 0]])]) as tf.Tensor[];
    expectClose(ya as tf.Tensor, [[5]]);
    expectClose(yb as tf.Tensor, [[20]]);
    tf.dispose([ya as tf.Tensor, yb as tf.Tensor]);
    // Input layers first, then each call after the calls feeding it.
    expect(m.layers.map((l) => l.name)).toEqual([
      a.sourceLayer.name,
      b.sourceLayer.name,
      shared.name,
      sum.name,
    ]);
    expect(m.countParams()).toBe(3);
  });

  it('is a layer: a model applied inside another model', () => {
    const inner = twoLayer();
    const x = input({ shape: [2] });
    const scale = dense({ units: 1, useBias: false, kernelInitializer: 'ones' });
    const outer = model({ inputs: x, outputs: scale.apply(inner.apply(x)) });
    created.push(outer);
    const y = outer.predict(tf.tensor2d([[1, 1]])) as tf.Tensor;
    expectClose(y, [[-0.75]]);
    y.dispose();
    expect(outer.countParams()).toBe(inner.countParams() + 1);
    const eager = inner.apply(tf.tensor2d([[2, 0]])) as tf.Tensor;
    expectClose(eager, [[-0.75]]);
    eager.dispose();
  });

  it('rejects a disconnected graph and inputs not made by input()', () => {
    const x = input({ shape: [2], name: 'x_in' });
    const other = input({ shape: [2], name: 'other_in' });
    const y = dense({ units: 1 }).apply(other);
    expect(() => model({ inputs: x, outputs: y })).toThrow(
      /graph disconnected: the outputs depend on other_in, which is not among the model inputs \[x_in\]/,
    );
    expect(() => model({ inputs: y, outputs: y })).toThrow(/model inputs must come from input\(\)/);
  });

  it('predicts in batches without leaking, matching one-batch prediction', async () => {
    const m = twoLayer();
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 3],
      [-1, 4],
    ]);
    const whole = m.predictOnBatch(x) as tf.Tensor;
    await expectNoLeak(() => {
      const batched = m.predict(x, { batchSize: 2 }) as tf.Tensor;
      expectClose(batched, whole);
      return batched;
    });
    tf.dispose([x, whole]);
  });

  it('names the input and the shapes when the input shape is wrong', () => {
    const m = twoLayer();
    const x = tf.zeros([3, 5]);
    expect(() => m.predict(x)).toThrow(
      /`x` must have shape \[null, 2\] \(for input(_\d+)?\); received shape \[3, 5\]/,
    );
    expect(() => m.predict([x, x])).toThrow(
      /the model has 1 input\(s\) .* received 2 tensor\(s\) for `x`/,
    );
    x.dispose();
  });
});

describe('sequential', () => {
  it('builds from the first layer inputShape and predicts', () => {
    const m = sequential({
      layers: [dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' })],
    });
    created.push(m);
    m.add(dense({ units: 1, kernelInitializer: 'ones', biasInitializer: 'ones' }));
    // ones kernels: h = [6, 6] for x = [1, 2, 3]; y = 12 + 1 = 13
    const y = m.predict(tf.tensor2d([[1, 2, 3]])) as tf.Tensor;
    expectClose(y, [[13]]);
    y.dispose();
    expect(m.layers.length).toBe(2);
    expect(m.inputs[0]?.shape).toEqual([null, 3]);
  });

  it('builds lazily on first data', () => {
    const m = sequential({
      layers: [dense({ units: 1, kernelInitializer: 'ones' }), dropout({ rate: 0.5 })],
    });
    created.push(m);
    expect(m.built).toBe(false);
    expect(() => m.summary()).toThrow(/has no input shape yet/);
    const y = m.predict(tf.tensor2d([[1, 2]])) as tf.Tensor;
    expectClose(y, [[3]]);
    y.dispose();
    expect(m.built).toBe(true);
    expect(m.outputs[0]?.shape).toEqual([null, 1]);
  });

  it('pop removes the last layer', () => {
    const m = sequential({ layers: [dense({ units: 4, inputShape: [2] }), dense({ units: 1 })] });
    created.push(m);
    m.pop();
    expect(m.outputs[0]?.shape).toEqual([null, 4]);
  });

  it('dispose frees every weight', async () => {
    await expectNoLeak(
      () => {
        const m = sequential({
          layers: [dense({ units: 4, inputShape: [2] }), dense({ units: 1 })],
        });
        m.dispose();
        m.dispose();
      },
      { delta: 0 },
    );
  });
});
