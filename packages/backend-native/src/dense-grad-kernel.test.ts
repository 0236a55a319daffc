import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';

type Attrs = tf.DendriteDenseGradAttrs;

function denseGrad(inputs: tf.NamedTensorMap, attrs: Attrs): tf.Tensor[] {
  return tf.engine().runKernel(tf.DendriteDenseGrad, inputs, { ...attrs }) as tf.Tensor[];
}

/** The composed ops the Dense layer ran before the fused kernel, in the same order of outputs. */
function composed(dy: tf.Tensor, x: tf.Tensor, kernel: tf.Tensor, out: tf.Tensor, attrs: Attrs) {
  const product = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean) =>
    tf
      .engine()
      .runKernel(tf.DendriteMatMul, { a, b }, { transposeA, transposeB, activation: 'linear' });
  const dz = attrs.activation === 'relu' ? tf.mul(dy, tf.step(out)) : dy;
  return [
    ...(attrs.inputGradient ? [product(dz, kernel, false, true)] : []),
    product(x, dz, true, false),
    ...(attrs.hasBias ? [tf.sum(dz, 0)] : []),
  ] as tf.Tensor[];
}

const cases: Attrs[] = [
  { activation: 'relu', inputGradient: true, hasBias: true },
  { activation: 'relu', inputGradient: false, hasBias: true },
  { activation: 'linear', inputGradient: true, hasBias: false },
  { activation: 'linear', inputGradient: false, hasBias: false },
];

describeKernels('DendriteDenseGrad on dendrite-native', () => {
  it('computes dx, dKernel and dBias of a relu layer by hand', () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const kernel = tf.tensor2d([1, 0, -1, 2, 1, 0], [2, 3]);
    const out = tf.tensor2d([5, 0, 1, 0, 2, -0], [2, 3]);
    const dy = tf.tensor2d([1, 1, 1, 2, 2, 2], [2, 3]);
    const attrs: Attrs = { activation: 'relu', inputGradient: true, hasBias: true };
    const [dx, dKernel, dBias] = denseGrad({ dy, x, kernel, out }, attrs);
    // dz = dy ⊙ (out > 0) = [[1,0,1],[0,2,0]]; dx = dz·kernelᵀ = [[1-1, 2], [0, 2]]
    expect(Array.from(dx?.dataSync() ?? [])).toEqual([0, 2, 0, 2]);
    // dKernel = xᵀ·dz = [[1·1+3·0, 3·2, 1·1], [2·1, 4·2, 2·1]]
    expect(Array.from(dKernel?.dataSync() ?? [])).toEqual([1, 6, 1, 2, 8, 2]);
    expect(dBias?.arraySync()).toEqual([1, 2, 1]);
    tf.dispose([x, kernel, out, dy, dx, dKernel, dBias] as tf.Tensor[]);
  });

  it.each(cases)('matches the float64 reference and the composed ops to the bit (%o)', (attrs) => {
    const [n, k, u] = [7, 5, 3];
    tf.tidy(() => {
      const x = randomTensor([n, k], 1);
      const kernel = randomTensor([k, u], 2);
      const dy = randomTensor([n, u], 3);
      // Zeros of both signs and a NaN: step() is 0, 0 and NaN there.
      const special = tf.tensor2d([[0, -0, Number.NaN]]);
      const out = tf.concat([tf.relu(randomTensor([n - 1, u], 4)), special]);
      const before = addonCalls.denseGrad ?? 0;
      const fused = denseGrad(
        attrs.activation === 'relu' ? { dy, x, kernel, out } : { dy, x, kernel },
        attrs,
      );
      expect((addonCalls.denseGrad ?? 0) - before).toBe(1);
      const reference = tf.denseGradValues(
        dy.dataSync() as Float32Array,
        x.dataSync() as Float32Array,
        kernel.dataSync() as Float32Array,
        attrs.activation === 'relu' ? (out.dataSync() as Float32Array) : undefined,
        [n, k, u],
        attrs,
      );
      const expected = [reference.dx, reference.dKernel, reference.dBias].filter(
        (a) => a !== undefined,
      );
      const plain = composed(dy, x, kernel, out, attrs);
      expect(fused.map((t) => t.shape)).toEqual(plain.map((t) => t.shape));
      fused.forEach((t, i) => {
        expectClose(t.dataSync(), expected[i] as Float32Array, {
          rtol: 1e-5,
          atol: 1e-6,
          label: `output ${i}`,
        });
        expect(Array.from(t.dataSync()), `output ${i}`).toEqual(
          Array.from(plain[i]?.dataSync() ?? []),
        );
      });
    });
  });

  it('gives zeros for an empty batch', () => {
    tf.tidy(() => {
      const attrs: Attrs = { activation: 'linear', inputGradient: true, hasBias: true };
      const [dx, dKernel, dBias] = denseGrad(
        { dy: tf.zeros([0, 2]), x: tf.zeros([0, 3]), kernel: tf.ones([3, 2]) },
        attrs,
      );
      expect(dx?.shape).toEqual([0, 3]);
      expect(Array.from(dKernel?.dataSync() ?? [])).toEqual([0, 0, 0, 0, 0, 0]);
      expect(Array.from(dBias?.dataSync() ?? [])).toEqual([0, 0]);
    });
  });

  it.each([
    ['x', { x: tf.tensor2d([[1, 2]], [1, 2], 'int32') }, 'int32 [1, 2]'],
    ['kernel', { kernel: tf.zeros([3, 4]) }, 'float32 [3, 4]'],
    ['dy', { dy: tf.zeros([1, 5]) }, 'float32 [1, 5]'],
    ['out', { out: undefined }, 'nothing'],
  ] as const)('names a wrong input (%s) and leaks nothing', (name, change, received) => {
    const inputs: Record<string, tf.Tensor | undefined> = {
      dy: tf.zeros([1, 4]),
      x: tf.zeros([1, 2]),
      kernel: tf.zeros([2, 4]),
      out: tf.zeros([1, 4]),
      ...change,
    };
    const defined = Object.fromEntries(Object.entries(inputs).filter(([, t]) => t !== undefined));
    const before = tf.memory().numTensors;
    const attrs: Attrs = { activation: 'relu', inputGradient: true, hasBias: true };
    expect(() => denseGrad(defined as tf.NamedTensorMap, attrs)).toThrow(tf.ShapeError);
    expect(() => denseGrad(defined as tf.NamedTensorMap, attrs)).toThrow(
      new RegExp(
        `DendriteDenseGrad: \`${name}\` must be a float32 tensor .*; received ${received.replace(/[[\]]/g, '\\$&')}`,
      ),
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(defined) as tf.Tensor[]);
  });
});
