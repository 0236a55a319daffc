import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { nativeBackendName } from '../src/index.js';
import {
  addonCalls,
  describeKernels,
  expectSameOnBothBackends,
  randomTensor,
} from '../test/compare-backends.js';

/**
 * The inputs and attrs of the book model's step at batch `n` (`features → hidden` relu layer,
 * dropout 0.3, softmax over `classes`); by default a small one.
 */
function bookStepCall([n, features, hidden, classes] = [12, 20, 9, 5]): {
  inputs: Record<string, tf.Tensor>;
  attrs: tf.NamedAttrMap;
} {
  const x = randomTensor([n, features], 1);
  const labels = tf
    .oneHot(
      Array.from({ length: n }, (_, i) => i % classes),
      classes,
    )
    .cast('float32');
  const inputs = {
    x,
    labels,
    kernel0: randomTensor([features, hidden], 2),
    bias0: randomTensor([hidden], 3),
    kernel1: randomTensor([hidden, classes], 4),
    bias1: randomTensor([classes], 5),
  };
  const layers: tf.DenseChainLayer[] = [
    { activation: 'relu', hasBias: true, dropoutRate: 0, dropoutSeed: 0 },
    { activation: 'linear', hasBias: true, dropoutRate: 0.3, dropoutSeed: 424242 },
  ];
  return { inputs, attrs: { layers, epsilon: 1e-7 } as unknown as tf.NamedAttrMap };
}

function bookStep(): tf.Tensor[] {
  const { inputs, attrs } = bookStepCall();
  return tf.engine().runKernel(tf.DendriteDenseChainGrad, inputs, attrs) as tf.Tensor[];
}

/** The outputs' values of `kernel` run on the native backend directly (not through the engine). */
function runOnNative(
  kernel: tf.KernelFunc,
  inputs: Record<string, tf.Tensor>,
  attrs: tf.NamedAttrMap,
): number[][] {
  const backend = tf.engine().findBackend(nativeBackendName) as tf.KernelBackend;
  const outputs = kernel({ inputs, attrs, backend }) as tf.TensorInfo[];
  const values = outputs.map((info) => Array.from(backend.readSync(info.dataId) as Float32Array));
  for (const info of outputs) backend.disposeData(info.dataId);
  return values;
}

describeKernels('DendriteDenseChainGrad on dendrite-native', () => {
  it('gives the cpu version’s loss, logits and gradients, in one native call', async () => {
    const before = { ...addonCalls };
    await expectSameOnBothBackends(bookStep, { rtol: 1e-5, atol: 1e-6, label: 'chain' });
    expect(addonCalls.denseChainGrad).toBe((before.denseChainGrad ?? 0) + 1);
    expect(addonCalls.batchMatMul ?? 0).toBe(before.batchMatMul ?? 0);
  });

  // The book model at batch 300 splits its products and dropout across the addon's threads.
  it.each<[[number, number, number, number]]>([[[12, 20, 9, 5]], [[300, 784, 100, 10]]])(
    'matches the per-layer native kernels called one by one, to the bit (%j)',
    (sizes) => {
      const { inputs, attrs } = bookStepCall(sizes);
      const [n, features, hidden, classes] = sizes;
      const oneCall = tf.getKernel(tf.DendriteDenseChainGrad, nativeBackendName)?.kernelFunc;
      const perLayer = tf.denseChainGradKernel(nativeBackendName);
      const before = { ...addonCalls };
      const expected = runOnNative(perLayer, inputs, attrs);
      // The composition ran the native dropout, Dense backward and products.
      for (const name of ['dropout', 'dropoutGrad', 'denseGrad', 'batchMatMul']) {
        expect(addonCalls[name] ?? 0).toBeGreaterThan(before[name] ?? 0);
      }
      const actual = runOnNative(oneCall as tf.KernelFunc, inputs, attrs);
      expect(actual).toEqual(expected);
      expect(expected.map((v) => v.length)).toEqual([
        1,
        n * classes,
        features * hidden,
        hidden,
        hidden * classes,
        classes,
      ]);
      tf.dispose(Object.values(inputs));
    },
  );

  it.each([false, true])(
    'with adam, matches the per-layer kernels and DendriteAdamUpdate to the bit (variables: %s)',
    (asVariables) => {
      const { inputs, attrs } = bookStepCall([300, 784, 100, 10]);
      const names = ['kernel0', 'bias0', 'kernel1', 'bias1'];
      const adam = { alpha: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
      const all: Record<string, tf.Tensor> = { ...inputs };
      names.forEach((name, i) => {
        const shape = inputs[name]?.shape as number[];
        all[`${name}_m`] = tf.mul(randomTensor(shape, 10 + i), 0.01);
        all[`${name}_v`] = tf.mul(tf.square(randomTensor(shape, 20 + i)), 1e-4);
      });
      const adamAttrs = { ...attrs, adam } as unknown as tf.NamedAttrMap;
      const expected = runOnNative(tf.denseChainGradKernel(nativeBackendName), all, adamAttrs);
      const before = { ...addonCalls };
      // A variable made from a tensor shares its memory until the tensor is gone.
      const owned = asVariables
        ? Object.fromEntries(
            Object.entries(all).map(([k, t]) => {
              const variable = tf.variable(t, false);
              t.dispose();
              return [k, variable];
            }),
          )
        : all;
      const kept = Object.fromEntries(names.map((name) => [name, owned[name]?.dataSync().slice()]));
      const outputs = tf
        .engine()
        .runKernel(tf.DendriteDenseChainGrad, owned, adamAttrs) as tf.Tensor[];
      expect(addonCalls.denseChainGrad).toBe((before.denseChainGrad ?? 0) + 1);
      // The Adam steps ran inside the one call.
      expect(addonCalls.adamUpdateInPlace ?? 0).toBe(before.adamUpdateInPlace ?? 0);
      expect(outputs.map((t) => Array.from(t.dataSync()))).toEqual(expected);
      names.forEach((name, i) => {
        const weight = owned[name] as tf.Tensor;
        // Variables nothing else holds take the step in their own memory; tensors are left alone.
        expect(outputs[2 + 3 * i]?.dataId === weight.dataId).toBe(asVariables);
        const now = Array.from(weight.dataSync());
        if (asVariables) expect(now).toEqual(expected[2 + 3 * i]);
        else expect(now).toEqual(Array.from(kept[name] as Float32Array));
      });
      tf.dispose(outputs);
      tf.dispose(Object.values(owned));
    },
  );

  it('leaves no tensor behind, on success and when a check fails', () => {
    const x = tf.zeros([2, 3]);
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(bookStep));
    expect(() =>
      tf.engine().runKernel(tf.DendriteDenseChainGrad, { x }, {
        layers: [{ activation: 'linear', hasBias: false, dropoutRate: 0, dropoutSeed: 0 }],
        epsilon: 1e-7,
      } as unknown as tf.NamedAttrMap),
    ).toThrow(/the input `kernel0` is missing/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
