import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../index.js';
import { cpuThenWebGpu, useWebGpu, webgpuUnavailable, worstGap } from './webgpu.test-support.js';

const unavailable = await webgpuUnavailable();
if (unavailable) console.info(`skipping the WebGPU Dense gradient kernel tests: ${unavailable}`);

/** Batch, inputs and units that leave partial 4 × 4 blocks and workgroups on every axis. */
const [n, width, units] = [37, 29, 6];

interface Case {
  readonly activation: 'linear' | 'relu';
  readonly inputGradient: boolean;
  readonly hasBias: boolean;
}

const cases: Case[] = [
  { activation: 'relu', inputGradient: true, hasBias: true },
  { activation: 'relu', inputGradient: false, hasBias: true },
  { activation: 'linear', inputGradient: true, hasBias: false },
  { activation: 'linear', inputGradient: false, hasBias: true },
];

/** Seeded `dy`, `x`, `kernel` and a layer output with about half its entries at 0. */
function operands() {
  const values = (shape: number[], seed: number) =>
    tf.tidy(() => tf.randomNormal(shape, 0, 1, 'float32', seed).dataSync() as Float32Array);
  const out = values([n, units], 4).map((v) => Math.max(v, 0));
  return {
    dy: values([n, units], 1),
    x: values([n, width], 2),
    kernel: values([width, units], 3),
    out,
  };
}

/** The composed ops the kernel replaces, on tfjs' cpu backend, in the kernel's output order. */
function composedOnCpu(c: Case): Float32Array[] {
  const { dy, x, kernel, out } = operands();
  return tf.tidy(() => {
    const g = tf.tensor2d(dy, [n, units]);
    const dz = c.activation === 'relu' ? tf.mul(g, tf.step(tf.tensor2d(out, [n, units]))) : g;
    const results: tf.Tensor[] = [];
    if (c.inputGradient)
      results.push(tf.matMul(dz, tf.tensor2d(kernel, [width, units]), false, true));
    results.push(tf.matMul(tf.tensor2d(x, [n, width]), dz, true, false));
    if (c.hasBias) results.push(tf.sum(dz, 0));
    return results.map((t) => t.dataSync() as Float32Array);
  });
}

describe.skipIf(unavailable !== undefined)('DendriteDenseGrad on webgpu (SwiftShader here)', () => {
  it.each(cases)(
    '$activation, inputGradient $inputGradient, hasBias $hasBias: the composed cpu ops to 1e-5',
    async (c) => {
      const want = await cpuThenWebGpu(() => composedOnCpu(c));
      const { dy, x, kernel, out } = operands();
      const inputs: tf.NamedTensorMap = {
        dy: tf.tensor2d(dy, [n, units]),
        x: tf.tensor2d(x, [n, width]),
        kernel: tf.tensor2d(kernel, [width, units]),
      };
      if (c.activation === 'relu') inputs.out = tf.tensor2d(out, [n, units]);
      const before = tf.memory().numTensors;
      const got = tf.engine().runKernel('DendriteDenseGrad', inputs, { ...c }) as tf.Tensor[];
      expect(tf.memory().numTensors).toBe(before + want.length);
      const shapes = [...(c.inputGradient ? [[n, width]] : []), [width, units]];
      expect(got.map((t) => t.shape)).toEqual(c.hasBias ? [...shapes, [units]] : shapes);
      for (const [index, tensor] of got.entries()) {
        expect(worstGap(await tensor.data(), want[index] as Float32Array)).toBeLessThanOrEqual(
          1e-5,
        );
      }
      tf.dispose([...got, ...Object.values(inputs)]);
    },
    60_000,
  );

  it('rejects relu without `out` and a kernel of the wrong shape, leaking nothing', async () => {
    await useWebGpu();
    const dy = tf.zeros([4, 3]);
    const x = tf.zeros([4, 5]);
    const kernel = tf.zeros([6, 3]);
    const fitting = tf.zeros([5, 3]);
    const before = tf.memory().numTensors;
    const attrs = { activation: 'relu', inputGradient: true, hasBias: true };
    const run = (named: tf.NamedTensorMap, a: tf.NamedAttrMap) => () =>
      tf.engine().runKernel('DendriteDenseGrad', named, a);
    expect(run({ dy, x, kernel: fitting }, attrs)).toThrow(/`out` exactly for relu/);
    expect(run({ dy, x, kernel }, { ...attrs, activation: 'linear' })).toThrow(
      /`kernel` has shape \[6,3\]; expected \[5,3\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([dy, x, kernel, fitting]);
  }, 60_000);

  afterAll(() => tf.setBackend('cpu'));
});
