import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';
import { cpuThenWebGpu, useWebGpu, webgpuUnavailable, worstGap } from './webgpu.test-support.js';

const unavailable = await webgpuUnavailable();
if (unavailable) console.info(`skipping the WebGPU matMul kernel tests: ${unavailable}`);

/** Sizes that leave partial 4 × 4 blocks and a partial workgroup on every axis. */
const [m, k, n] = [37, 29, 6];

interface Case {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly bias: boolean;
  readonly activation: 'linear' | 'relu';
}

const cases: Case[] = [false, true].flatMap((transposeA) =>
  [false, true].flatMap((transposeB) => [
    { transposeA, transposeB, bias: false, activation: 'linear' as const },
    { transposeA, transposeB, bias: true, activation: 'relu' as const },
  ]),
);

/** Seeded operands as host arrays, shaped for the case's transposes. */
function operands({ transposeA, transposeB }: Case) {
  const aShape: [number, number] = transposeA ? [k, m] : [m, k];
  const bShape: [number, number] = transposeB ? [n, k] : [k, n];
  const values = (shape: number[], seed: number) =>
    tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
  return { aShape, bShape, a: values(aShape, 1), b: values(bShape, 2), bias: values([n], 3) };
}

/** The composed ops the kernel replaces, on tfjs' cpu backend. */
function composedOnCpu(c: Case): Float32Array {
  const { aShape, bShape, a, b, bias } = operands(c);
  return tf.tidy(() => {
    let out = tf.matMul(tf.tensor2d(a, aShape), tf.tensor2d(b, bShape), c.transposeA, c.transposeB);
    if (c.bias) out = tf.add(out, tf.tensor1d(bias));
    if (c.activation === 'relu') out = tf.relu(out);
    return out.dataSync() as Float32Array;
  });
}

describe.skipIf(unavailable !== undefined)('DendriteMatMul on webgpu (SwiftShader here)', () => {
  afterAll(() => tf.setBackend('cpu'));

  it.each(cases)(
    'transposeA $transposeA, transposeB $transposeB, bias $bias, $activation: the composed cpu ops to 1e-5',
    async (c) => {
      const want = await cpuThenWebGpu(() => composedOnCpu(c));
      expect(tf.hasDendriteKernel(tf.DendriteMatMul)).toBe(true);
      const { aShape, bShape, a, b, bias } = operands(c);
      const inputs: tf.NamedTensorMap = { a: tf.tensor2d(a, aShape), b: tf.tensor2d(b, bShape) };
      if (c.bias) inputs.bias = tf.tensor1d(bias);
      const before = tf.memory().numTensors;
      const out = tf.engine().runKernel(tf.DendriteMatMul, inputs, {
        transposeA: c.transposeA,
        transposeB: c.transposeB,
        activation: c.activation,
      }) as tf.Tensor;
      expect(tf.memory().numTensors).toBe(before + 1);
      expect(out.shape).toEqual([m, n]);
      const got = await out.data();
      expect(worstGap(got, want)).toBeLessThanOrEqual(1e-5);
      if (c.activation === 'relu') expect(Math.min(...got)).toBe(0);
      tf.dispose([out, ...Object.values(inputs)]);
    },
    60_000,
  );

  it('rejects mismatched inner sizes with a ShapeError naming both shapes, leaking nothing', async () => {
    await useWebGpu();
    const a = tf.zeros([3, 4]);
    const b = tf.zeros([5, 2]);
    const before = tf.memory().numTensors;
    const run = () =>
      tf.engine().runKernel(tf.DendriteMatMul, { a, b }, { transposeA: false, transposeB: false });
    expect(run).toThrow(tf.ShapeError);
    expect(run).toThrow(/received a \[3, 4\].*inner size 4 and b \[5, 2\].*inner size 5/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  }, 60_000);
});
