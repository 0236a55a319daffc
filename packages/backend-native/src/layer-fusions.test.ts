import * as activations from '@dendrite/activations';
import { Dropout, denseForward } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { expectClose, variableFiniteDifference } from '@dendrite/test-utils';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';
import { nativeBackendName } from './index.js';

/** The Dense output and the gradients of Σ(out ⊙ mix) for x, kernel and bias on `backend`. */
async function denseGradients(backend: string, activation: 'relu' | 'linear'): Promise<number[][]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = randomTensor([6, 4], 11);
    const kernel = randomTensor([4, 3], 12);
    const bias = randomTensor([3], 13);
    const mix = tf.linspace(-1, 2, 18).reshape([6, 3]);
    const act = activations.get(activation);
    const f = (a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(denseForward(a, k, b, act), mix)) as tf.Scalar;
    return [denseForward(x, kernel, bias, act), ...tf.grads(f)([x, kernel, bias])].map((t) =>
      Array.from(t.dataSync()),
    );
  });
}

describeKernels('the Dense and Dropout layers on dendrite-native', () => {
  it.each(['relu', 'linear'] as const)(
    'take DendriteDenseGrad for %s, equal to the cpu ops',
    async (name) => {
      const cpu = await denseGradients('cpu', name);
      const before = addonCalls.denseGrad ?? 0;
      const native = await denseGradients(nativeBackendName, name);
      expect((addonCalls.denseGrad ?? 0) - before).toBe(1);
      native.forEach((values, i) => {
        expectClose(values, cpu[i] as number[], { rtol: 1e-5, atol: 1e-6, label: `output ${i}` });
      });
    },
  );

  it('gives the kernel gradient that finite differences give', async () => {
    const kernel = tf.variable(randomTensor([4, 3], 14));
    const x = randomTensor([5, 4], 15);
    const bias = randomTensor([3], 16);
    const relu = activations.get('relu');
    const loss = () =>
      tf.tidy(() => tf.sum(tf.square(denseForward(x, kernel, bias, relu))) as tf.Scalar);
    const { grads, value } = tf.variableGrads(loss, [kernel]);
    expectClose(grads[kernel.name] as tf.Tensor, variableFiniteDifference(loss, kernel, 1e-2), {
      rtol: 1e-2,
      atol: 1e-3,
    });
    tf.dispose([kernel, x, bias, value, ...Object.values(grads)]);
  });

  it('drop through DendriteDropout exactly what the composed path drops, and train the same', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const layer = new Dropout({ rate: 0.3, seed: 5 });
      return tf.tidy(() => {
        const x = randomTensor([8, 20], 17);
        const mix = tf.linspace(-1, 1, 160).reshape([8, 20]);
        const f = (input: tf.Tensor) =>
          tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, mix));
        // Two calls: the second mask proves the generator moved on as far on both paths.
        const outputs = [layer.apply(x, { training: true }) as tf.Tensor, tf.grad(f)(x)];
        return outputs.map((t) => Array.from(t.dataSync()));
      });
    };
    const cpu = await run('cpu');
    const before = addonCalls.dropoutGrad ?? 0;
    const native = await run(nativeBackendName);
    expect((addonCalls.dropoutGrad ?? 0) - before).toBe(1);
    expect(native).toEqual(cpu);
    expect((native[0] as number[]).filter((v) => v === 0).length).toBeGreaterThan(20);
  });
});
