import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { batches, expected, fixtures } from '../test/fixtures.js';
import { Mean } from './mean.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { Sum } from './sum.js';

const m = fixtures.mean;

function feed(metric: Mean | Sum, weights?: number[] | number[][]): void {
  const arrays = weights ? [m.values, weights] : [m.values];
  for (const [values, w] of batches(m.batches, ...arrays)) {
    metric.update(values!, w);
    tf.dispose([values!, w!]);
  }
}

describe('Mean', () => {
  it('updateSum adds a summed batch, its count kept on the host, and mixes with update', async () => {
    // Batches of means 2 (3 samples) and 5 (1 sample) as sums 6 and 5, then update([1, 3]):
    // (6 + 5 + 4) / (3 + 1 + 2) = 2.5; after reset, the host count is gone too.
    const mean = new Mean();
    const sums = [tf.scalar(6), tf.scalar(5)];
    mean.updateSum(sums[0] as tf.Scalar, 3);
    mean.updateSum(sums[1] as tf.Scalar, 1);
    expect(mean.result()).toBe(2.75);
    const values = tf.tensor1d([1, 3]);
    mean.update(values);
    expect(mean.result()).toBe(2.5);
    expect(await mean.resultAsync()).toBe(2.5);
    mean.reset();
    expect(mean.result()).toBe(0);
    mean.updateSum(sums[1] as tf.Scalar, 2);
    expect(mean.result()).toBe(2.5);
    await expectNoLeak(() => mean.updateSum(sums[0] as tf.Scalar, 3));
    mean.dispose();
    tf.dispose([...sums, values]);
  });

  it('is exact over uneven batches, with and without weights (NumPy fixture)', () => {
    const mean = new Mean();
    expect(mean.name).toBe('mean');
    expect(mean.result()).toBe(0); // nothing seen yet: divide-no-nan gives 0
    feed(mean);
    expectClose(mean.result(), expected(m, 'mean'));
    mean.reset();
    feed(mean, m.weights);
    expectClose(mean.result(), expected(m, 'meanWeighted'));
    mean.reset();
    feed(mean, m.fullWeights);
    expectClose(mean.result(), expected(m, 'meanFullWeights'));
    mean.dispose();
  });

  it('resultAsync reads the same value without a blocking sync, and leaks nothing', async () => {
    const mean = new Mean();
    expect(await mean.resultAsync()).toBe(0); // nothing seen yet
    feed(mean, m.weights);
    const before = tf.memory().numTensors;
    const value = await mean.resultAsync();
    expect(tf.memory().numTensors).toBe(before);
    expectClose(value, expected(m, 'meanWeighted'));
    expect(value).toBe(mean.result());
    mean.dispose();
  });

  it('is not the mean of batch means', () => {
    // batches [1, 2] then [6]: exact mean 3, mean of batch means (1.5 + 6) / 2 = 3.75
    const mean = new Mean();
    mean.update(tf.tensor1d([1, 2]));
    mean.update(tf.tensor1d([6]));
    expect(mean.result()).toBeCloseTo(3, 6);
    // a scalar value counts as one sample: (1 + 2 + 6 + 11) / 4 = 5
    mean.update(tf.scalar(11));
    expect(mean.result()).toBeCloseTo(5, 6);
    mean.dispose();
  });

  it('keeps two long-lived state tensors, no growth across updates, freed by dispose', async () => {
    const mean = new Mean();
    const values = tf.tensor1d([1, 2, 3]);
    const weights = tf.tensor1d([1, 0, 2]);
    await expectNoLeak(() => mean.update(values, weights), { delta: 2 });
    await expectNoLeak(() => {
      for (let i = 0; i < 20; i++) mean.update(values, weights);
      mean.result();
      mean.reset();
      mean.update(values);
    });
    // (1 + 2 + 3) / 3 = 2 after the reset
    expect(mean.result()).toBeCloseTo(2, 6);
    await expectNoLeak(() => mean.dispose(), { delta: -2 });
    mean.dispose(); // idempotent
    expect(() => mean.update(values)).toThrow("Mean 'mean' was used after dispose()");
    expect(() => mean.result()).toThrow('was used after dispose()');
    tf.dispose([values, weights]);
  });

  it('rejects weights that do not broadcast', () => {
    const mean = new Mean();
    expect(() => mean.update(tf.ones([4]), tf.ones([3]))).toThrow(
      'Mean: `sampleWeight` of shape [3] does not broadcast to values of shape [4]',
    );
    mean.dispose();
  });
});

describe('Sum', () => {
  it('sums weighted values over uneven batches (NumPy fixture)', () => {
    const sum = new Sum();
    feed(sum, m.weights);
    expectClose(sum.result(), expected(m, 'sumWeighted'), { rtol: 1e-5 });
    sum.dispose();
  });
});

describe('MeanMetricWrapper', () => {
  it('averages a loss per sample under its Keras name', async () => {
    const metric = new MeanMetricWrapper({ fn: 'mse' });
    expect(metric.name).toBe('mean_squared_error');
    const target = tf.fill([10, 3], 0.5);
    for (const [values, t] of batches(m.batches, m.values, target.arraySync() as number[][])) {
      metric.update(t!, values!);
      tf.dispose([values!, t!]);
    }
    expectClose(metric.result(), expected(m, 'mse'));
    expect(metric.getConfig()).toEqual({ name: 'mean_squared_error', fn: 'mse' });
    expect(MeanMetricWrapper.fromConfig(metric.getConfig()).getConfig()).toEqual(
      metric.getConfig(),
    );
    await expectNoLeak(() => metric.update(target, target));
    metric.dispose();
    target.dispose();
  });

  it('wraps plain functions and validates fn', () => {
    const absError = (t: tf.Tensor, p: tf.Tensor) => tf.mean(tf.abs(tf.sub(p, t)), -1);
    const metric = new MeanMetricWrapper({ fn: absError });
    expect(metric.name).toBe('absError');
    // per-sample |2 - 0| = 2 and |1 - 0| = 1, weights 1 and 3: (2 + 3) / 4 = 1.25
    metric.update(tf.zeros([2, 1]), tf.tensor2d([[2], [1]]), tf.tensor1d([1, 3]));
    expect(metric.result()).toBeCloseTo(1.25, 6);
    metric.dispose();
    expect(() => new MeanMetricWrapper({ fn: 7 as unknown as string })).toThrow(
      'MeanMetricWrapper: `fn` must be a function (yTrue, yPred) => Tensor or a loss name; received 7',
    );
  });
});

describe('Mean on a host backend', () => {
  it('keeps updateSum and updateMean totals (of scalars or numbers) on the host, equal to the device adds to the bit', async () => {
    // A backend whose tensors are cpu arrays but which is not declared a host backend stands for
    // a device: there the totals are float32 adds of state variables.
    const Cpu = (tf.findBackend('cpu') as tf.KernelBackend)
      .constructor as new () => tf.KernelBackend;
    const device = 'mean-test-device';
    if (tf.findBackendFactory(device) === null) {
      tf.registerBackend(device, () => new Cpu(), -1);
      for (const kernel of tf.getKernelsForBackend('cpu')) {
        tf.registerKernel({ ...kernel, backendName: device });
      }
    }
    const random = tf.createRandom(9);
    const batches = Array.from({ length: 200 }, (_, i) => ({
      value: Math.fround(random.nextNormal() * 10 ** ((i % 7) - 3)),
      count: 1 + (i % 33),
    }));
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const [sums, means] = [new Mean(), new Mean()];
      // The same batches given as host numbers (what a training kernel returns for its steps).
      const [numberSums, numberMeans] = [new Mean(), new Mean()];
      for (const { value, count } of batches) {
        const scalar = tf.scalar(value);
        sums.updateSum(scalar, count);
        means.updateMean(scalar, count);
        scalar.dispose();
        numberSums.updateSum(value, count);
        numberMeans.updateMean(value, count);
      }
      const before = tf.memory().numTensors;
      const all = [sums, means, numberSums, numberMeans];
      const results = [...all.map((m) => m.result()), ...(await Mean.readResults(all))];
      expect(tf.memory().numTensors).toBe(before);
      for (const m of all) m.dispose();
      return results;
    };
    expect(tf.isHostBackend('cpu')).toBe(true);
    expect(tf.isHostBackend(device)).toBe(false);
    const onDevice = await run(device);
    const onHost = await run('cpu');
    expect(onHost).toEqual(onDevice);
    // Numbers and scalar tensors give the same totals on both.
    expect(onHost.slice(2, 4)).toEqual(onHost.slice(0, 2));
    // A number that is not a float32 counts as the float32 a scalar tensor of it would hold.
    const [fromNumber, fromScalar] = [new Mean(), new Mean()];
    fromNumber.updateMean(0.3, 3);
    const tenth = tf.scalar(0.3);
    fromScalar.updateMean(tenth, 3);
    expect(fromNumber.result()).toBe(fromScalar.result());
    expect(fromNumber.result()).toBe(Math.fround(Math.fround(0.3) * 3) / 3);
    tf.dispose([tenth]);
    fromNumber.dispose();
    fromScalar.dispose();
    // The totals really are float32: a float64 sum of the same batches differs.
    const exact = batches.reduce((total, { value, count }) => total + value * count, 0);
    const samples = batches.reduce((total, { count }) => total + count, 0);
    expect(onHost[1]).not.toBe(exact / samples);
    expect(onHost[1]).toBeCloseTo(exact / samples, 4);
    await tf.setBackend('cpu');
  });
});
