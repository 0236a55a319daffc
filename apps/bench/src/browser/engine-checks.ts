// Checks of what the training engine runs on the device besides the layer kernels (bundled with
// the bench page, for `gpu-kernels.test.ts`): the accuracy metric's fused kernel and the batch
// upload, each against an independent reference, counting the tensors left behind.
import * as dd from 'dendrite';
import type { KernelCheckResult } from './kernel-checks.js';

/** Deterministic values in `{0, …, levels − 1}` (ties on purpose) or spread in [−4, 4]. */
function hostValues(size: number, seed: number, levels?: number): Float32Array {
  const values = new Float32Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const unit = state / 2147483648;
    values[i] = levels === undefined ? unit * 8 - 4 : Math.floor(unit * levels);
  }
  return values;
}

/** The hits of `DendriteSoftmaxAccuracy`, or of the composed ops it replaces. */
async function accuracyHits(
  logitValues: Float32Array,
  labelValues: Float32Array,
  shape: [number, number],
  fused: boolean,
): Promise<number> {
  const tf = dd.tf;
  const labels = tf.tensor2d(labelValues, shape);
  // Logits as the Dense layer leaves them: the output of a product (packed on webgl).
  const logits = tf.tidy(() => tf.matMul(tf.tensor2d(logitValues, shape), tf.eye(shape[1])));
  const hits = fused
    ? (tf.engine().runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels }) as dd.Tensor)
    : tf.tidy(() => {
        const predicted = tf.argMax(tf.softmax(logits), -1);
        return tf.sum(tf.cast(tf.equal(tf.argMax(labels, -1), predicted), 'float32'));
      });
  const value = (await hits.data())[0] as number;
  tf.dispose([labels, logits, hits]);
  return value;
}

/**
 * Largest gap between the active backend's `DendriteSoftmaxAccuracy` and the composed ops
 * (`argMax(softmax)`, `argMax`, `equal`, `sum`) on the cpu backend: odd and even sizes, logits
 * and labels with ties (the first maximum wins), and a batch past webgl's one-fragment limit.
 */
export async function checkSoftmaxAccuracy(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const backend = tf.getBackend() as 'webgl' | 'webgpu' | 'wasm';
  const registered = tf.hasDendriteKernel(tf.DendriteSoftmaxAccuracy);
  const cases = (
    [
      [[37, 10], undefined],
      [[5, 3], 3],
      [[64, 7], 2],
      [[512, 10], undefined],
      [[7000, 10], 4],
    ] as Array<[[number, number], number | undefined]>
  ).map(([shape, levels], k) => {
    const size = shape[0] * shape[1];
    return { shape, logits: hostValues(size, k + 1, levels), labels: hostValues(size, k + 50, 2) };
  });
  await dd.useBackend('cpu', { log: false });
  const want: number[] = [];
  for (const c of cases) want.push(await accuracyHits(c.logits, c.labels, c.shape, false));
  await dd.useBackend(backend, { log: false });
  const before = tf.memory().numTensors;
  let worst = 0;
  for (const [k, c] of cases.entries()) {
    const got = await accuracyHits(c.logits, c.labels, c.shape, registered);
    worst = Math.max(worst, Math.abs(got - (want[k] as number)));
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}

/**
 * Largest gap between `uploadTensor` and `tf.tensor` of the same values, read back and through a
 * product, over odd and even sides and one batch of the benchmark's size. `registered`: whether
 * webgl put every matrix straight on a packed texture (always true on other backends).
 */
export async function checkPackedUpload(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const texData = (
    tf.backend() as unknown as { texData?: { get(id: object): { isPacked?: boolean } } }
  ).texData;
  const before = tf.memory().numTensors;
  let registered = true;
  let worst = 0;
  for (const [k, shape] of (
    [
      [5, 7],
      [1, 3],
      [2, 2],
      [33, 1],
      [512, 784],
    ] as const
  ).entries()) {
    const values = hostValues(shape[0] * shape[1], k + 7);
    const uploaded = tf.uploadTensor(values, shape, 'float32');
    if (tf.getBackend() === 'webgl') registered &&= texData?.get(uploaded.dataId).isPacked === true;
    const plain = tf.tensor(values.slice(), [...shape]);
    const weights = tf.tensor(hostValues(shape[1] * 3, k + 70), [shape[1], 3]);
    const results = [uploaded, tf.matMul(uploaded, weights), plain, tf.matMul(plain, weights)];
    const [read, product, readPlain, productPlain] = await Promise.all(
      results.map((t) => t.data() as Promise<Float32Array>),
    );
    for (const [got, want] of [
      [read, values],
      [read, readPlain],
      [product, productPlain],
    ] as const) {
      for (let i = 0; i < want.length; i++) {
        worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)));
      }
    }
    tf.dispose([...results, weights]);
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}
