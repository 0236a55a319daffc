import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';
import { nativeBackendName } from './index.js';

const attrs = { alpha: 0.0123, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

function adamUpdate(
  inputs: { variable: tf.Tensor; gradient: tf.Tensor; m: tf.Tensor; v: tf.Tensor },
  kernelAttrs: typeof attrs = attrs,
): tf.Tensor[] {
  return tf
    .engine()
    .runKernel(
      tf.DendriteAdamUpdate,
      inputs,
      kernelAttrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
}

/** The rule as the Adam optimizer composes it from tfjs ops (the oracle). */
function composed(
  {
    variable,
    gradient,
    m,
    v,
  }: { variable: tf.Tensor; gradient: tf.Tensor; m: tf.Tensor; v: tf.Tensor },
  { alpha, beta1, beta2, epsilon }: typeof attrs,
): tf.Tensor[] {
  const m1 = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - beta1));
  const v1 = tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - beta2));
  const w1 = tf.sub(variable, tf.div(tf.mul(m1, alpha), tf.add(tf.sqrt(v1), epsilon)));
  return [w1, m1, v1];
}

describeKernels('DendriteAdamUpdate on dendrite-native', () => {
  it('is registered natively, not copied from cpu', () => {
    tf.registerDendriteKernels();
    const native = tf.getKernel(tf.DendriteAdamUpdate, nativeBackendName);
    expect(native).toBeDefined();
    expect(native?.kernelFunc).not.toBe(tf.getKernel(tf.DendriteAdamUpdate, 'cpu')?.kernelFunc);
    expect(tf.hasDendriteKernel(tf.DendriteAdamUpdate)).toBe(true);
  });

  it('computes one step by hand', () => {
    // g = 2, m = 1, v = 3, w = 5, beta1 = 0.5, beta2 = 0.75, alpha = 0.1, epsilon = 1:
    // m' = 1 + (2 - 1)·0.5 = 1.5; v' = 3 + (4 - 3)·0.25 = 3.25; w' = 5 - 0.1·1.5/(√3.25 + 1)
    const one = (value: number) => tf.tensor1d([value]);
    const [w1, m1, v1] = adamUpdate(
      { variable: one(5), gradient: one(2), m: one(1), v: one(3) },
      { alpha: 0.1, beta1: 0.5, beta2: 0.75, epsilon: 1 },
    );
    expectClose(m1 as tf.Tensor, [1.5]);
    expectClose(v1 as tf.Tensor, [3.25]);
    expectClose(w1 as tf.Tensor, [5 - 0.15 / (Math.sqrt(3.25) + 1)], { rtol: 1e-7 });
  });

  for (const shape of [[784, 100], [7, 13], [1], [0]]) {
    it(`matches the composed ops of the cpu backend on random [${shape}] inputs`, async () => {
      const data = () => ({
        variable: randomTensor(shape, 1),
        gradient: randomTensor(shape, 2),
        m: randomTensor(shape, 3).mul(0.1),
        v: randomTensor(shape, 4).square(),
      });
      await tf.setBackend('cpu');
      const expected = tf.tidy(() => composed(data(), attrs).map((t) => Array.from(t.dataSync())));
      await tf.setBackend(nativeBackendName);
      const addonBefore = addonCalls.adamUpdate ?? 0;
      const inputs = data();
      const actual = adamUpdate(inputs);
      expect(actual.map((t) => t.shape)).toEqual([shape, shape, shape]);
      actual.forEach((t, i) => {
        expectClose(t, expected[i] as number[], { rtol: 1e-6, atol: 1e-7, label: `output ${i}` });
      });
      expect((addonCalls.adamUpdate ?? 0) - addonBefore).toBe(1);
      tf.dispose([...Object.values(inputs), ...actual]);
    });
  }

  it('leaves its inputs as they were and leaks nothing', async () => {
    const inputs = {
      variable: randomTensor([5, 3], 5),
      gradient: randomTensor([5, 3], 6),
      m: tf.zeros([5, 3]),
      v: tf.zeros([5, 3]),
    };
    const before = Object.values(inputs).map((t) => Array.from(t.dataSync()));
    await expectNoLeak(() => adamUpdate(inputs));
    expect(Object.values(inputs).map((t) => Array.from(t.dataSync()))).toEqual(before);
    tf.dispose(Object.values(inputs));
  });

  it("writes the step into variables' own memory when nothing else holds them", async () => {
    const shape = [7, 13];
    const make = () => ({
      variable: randomTensor(shape, 11),
      gradient: randomTensor(shape, 12),
      m: randomTensor(shape, 13).mul(0.1),
      v: randomTensor(shape, 14).square(),
    });
    await tf.setBackend('cpu');
    const expected = tf.tidy(() => composed(make(), attrs).map((t) => Array.from(t.dataSync())));
    await tf.setBackend(nativeBackendName);
    const plain = make();
    // Variables built from temporaries share their data until the temporaries go.
    const variables = {
      variable: tf.variable(plain.variable),
      gradient: plain.gradient,
      m: tf.variable(plain.m),
      v: tf.variable(plain.v),
    };
    tf.dispose([plain.variable, plain.m, plain.v]);
    const storage = [variables.variable, variables.m, variables.v].map((t) => t.dataSync());
    const counts = { copy: addonCalls.adamUpdate ?? 0, inPlace: addonCalls.adamUpdateInPlace ?? 0 };
    const tensors = tf.memory().numTensors;
    const outputs = adamUpdate(variables);
    expect((addonCalls.adamUpdateInPlace ?? 0) - counts.inPlace).toBe(1);
    expect((addonCalls.adamUpdate ?? 0) - counts.copy).toBe(0);
    outputs.forEach((t, i) => {
      expect(t.dataSync()).toBe(storage[i]);
      expectClose(t, expected[i] as number[], { rtol: 1e-6, atol: 1e-7, label: `output ${i}` });
    });
    // As the optimizer does: assign, dispose the outputs; the variables keep the new values.
    variables.variable.assign(outputs[0] as tf.Tensor);
    variables.m.assign(outputs[1] as tf.Tensor);
    variables.v.assign(outputs[2] as tf.Tensor);
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(tensors);
    expectClose(variables.variable, expected[0] as number[], { rtol: 1e-6, atol: 1e-7 });
    tf.dispose(Object.values(variables));
  });

  it('copies when another tensor shares a variable, and leaves that tensor as it was', async () => {
    const variable = tf.variable(tf.ones([4]));
    const m = tf.variable(tf.zeros([4]));
    const v = tf.variable(tf.zeros([4]));
    const gradient = tf.fill([4], 2);
    const saved = tf.clone(variable);
    const before = addonCalls.adamUpdateInPlace ?? 0;
    const outputs = adamUpdate({ variable, gradient, m, v });
    expect(addonCalls.adamUpdateInPlace ?? 0).toBe(before);
    expect(Array.from(saved.dataSync())).toEqual([1, 1, 1, 1]);
    expect(outputs[0]?.dataId).not.toBe(variable.dataId);
    tf.dispose([variable, m, v, gradient, saved, ...outputs]);
  });

  it('hands mismatched shapes to the checking cpu version', () => {
    const inputs = {
      variable: tf.zeros([2, 3]),
      gradient: tf.zeros([3, 2]),
      m: tf.zeros([2, 3]),
      v: tf.zeros([2, 3]),
    };
    expect(() => adamUpdate(inputs)).toThrowError(
      "DendriteAdamUpdate: `gradient` has shape [3,2]; expected the variable's shape [2,3]",
    );
    tf.dispose(Object.values(inputs));
  });

  it('rejects an attribute that would make the weights NaN before touching them', () => {
    const variable = tf.variable(tf.ones([4]), false);
    const inputs = { variable, gradient: tf.ones([4]), m: tf.zeros([4]), v: tf.zeros([4]) };
    const bad = { ...attrs, alpha: Number.POSITIVE_INFINITY };
    expect(() => adamUpdate(inputs, bad)).toThrowError(
      /DendriteAdamUpdate.*`alpha`.*a finite number.*Infinity/,
    );
    expect(Array.from(variable.dataSync())).toEqual([1, 1, 1, 1]);
    tf.dispose(Object.values(inputs));
  });
});
