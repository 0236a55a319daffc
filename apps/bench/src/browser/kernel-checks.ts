// Checks of Dendrite's fused kernels that run inside the bench page (bundled with it), for
// `gpu-kernels.test.ts`: each compares the active backend's kernel with an independent reference
// and counts the tensors it leaves behind.
import * as dd from 'dendrite';

/** What one check found: whether the backend has the kernel, its largest gap, tensors left. */
export interface KernelCheckResult {
  registered: boolean;
  worst: number;
  leaked: number;
}

/** Largest absolute difference between two tensors' values. */
async function largestGap(a: dd.Tensor, b: dd.Tensor): Promise<number> {
  const [x, y] = await Promise.all([a.data(), b.data()]);
  return largestArrayGap(x, y);
}

/** Largest `|got − want| / (1 + |want|)` over two arrays of equal length. */
function largestArrayGap(got: ArrayLike<number>, want: ArrayLike<number>, relative = false) {
  let worst = want.length === got.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < want.length; i++) {
    const gap = Math.abs((got[i] as number) - (want[i] as number));
    worst = Math.max(worst, relative ? gap / (1 + Math.abs(want[i] as number)) : gap);
  }
  return worst;
}

/**
 * Largest difference between the fused `DendriteAdamUpdate` of the active backend and the
 * composed float32 ops it replaces, over the three results of one step on a [37, 29] weight.
 */
export async function checkAdam(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const attrs = { alpha: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  const registered = tf.hasDendriteKernel(tf.DendriteAdamUpdate);
  const before = tf.memory().numTensors;
  const [w, g, m, v] = [1, 2, 3, 4].map((seed) =>
    tf.randomNormal([37, 29], 0, 0.1, 'float32', seed),
  ) as [dd.Tensor, dd.Tensor, dd.Tensor, dd.Tensor];
  const v0 = tf.abs(v);
  const fused = tf
    .engine()
    .runKernel(
      tf.DendriteAdamUpdate,
      { variable: w, gradient: g, m, v: v0 },
      attrs as unknown as dd.tf.NamedAttrMap,
    ) as dd.Tensor[];
  const composed = tf.tidy(() => {
    const m1 = tf.add(m, tf.mul(tf.sub(g, m), 1 - attrs.beta1));
    const v1 = tf.add(v0, tf.mul(tf.sub(tf.square(g), v0), 1 - attrs.beta2));
    const w1 = tf.sub(w, tf.div(tf.mul(m1, attrs.alpha), tf.add(tf.sqrt(v1), attrs.epsilon)));
    return [w1, m1, v1];
  });
  let worst = 0;
  for (let k = 0; k < 3; k++) {
    worst = Math.max(worst, await largestGap(fused[k] as dd.Tensor, composed[k] as dd.Tensor));
  }
  tf.dispose([...fused, ...composed, w, g, m, v, v0]);
  return { registered, worst, leaked: tf.memory().numTensors - before };
}

/**
 * Largest relative difference (`|gap| / (1 + |value|)`) between the active backend's
 * `DendriteMatMul` and `relu(matMul + bias)` / `matMul` composed on it, over the four transpose
 * variants of a [37, 29] · [29, 6] and a [330, 400] · [400, 6] product.
 */
export async function checkMatMul(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const registered = tf.hasDendriteKernel(tf.DendriteMatMul);
  const before = tf.memory().numTensors;
  let worst = 0;
  // [m, k]: a small product, and one whose `a` (132 000 entries) webgl transposes explicitly.
  const sizes = [
    [37, 29],
    [330, 400],
  ];
  const variants = sizes.flatMap((size) =>
    [false, true].flatMap((transposeA) =>
      [false, true].map((transposeB) => [size, transposeA, transposeB] as const),
    ),
  );
  for (const [[m, k] = [], transposeA, transposeB] of variants) {
    for (const activation of ['linear', 'relu'] as const) {
      const a = tf.randomNormal(transposeA ? [k, m] : [m, k], 0, 1, 'float32', 1);
      const b = tf.randomNormal(transposeB ? [6, k] : [k, 6], 0, 1, 'float32', 2);
      const bias = tf.randomNormal([6], 0, 1, 'float32', 3);
      const inputs: dd.tf.NamedTensorMap = activation === 'relu' ? { a, b, bias } : { a, b };
      const attrs = { transposeA, transposeB, activation };
      const fused = tf.engine().runKernel(tf.DendriteMatMul, inputs, attrs) as dd.Tensor;
      const composed = tf.tidy(() => {
        const product = tf.matMul(a, b, transposeA, transposeB);
        return activation === 'relu' ? tf.relu(tf.add(product, bias)) : product;
      });
      const gap = tf.tidy(() =>
        tf.max(tf.div(tf.abs(tf.sub(fused, composed)), tf.add(tf.abs(composed), 1))),
      );
      worst = Math.max(worst, (await gap.data())[0] as number);
      tf.dispose([a, b, bias, fused, composed, gap]);
    }
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}

/** Seeded logits (row 0 holds a 30, so both clip bounds bite at ε = 1e-7), labels and dy. */
function crossEntropyOperands(shape: number[], mean: boolean) {
  const classes = shape.at(-1) as number;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const rng = dd.tf.createRandom(5);
  const logits = Float32Array.from({ length: rows * classes }, () => 6 * rng.next() - 3);
  logits[0] = 30;
  const labels = new Float32Array(rows * classes);
  for (let row = 0; row < rows; row++) labels[row * classes + rng.nextInt(classes)] = 1;
  labels[1] = 0.25; // a soft label, so Σ labels ≠ 1 in row 0
  const dy = mean ? Float32Array.of(1.7) : Float32Array.from({ length: rows }, () => rng.next());
  return { logits, labels, dy, dyShape: mean ? [] : shape.slice(0, -1) };
}

/** Loss, dLogits and dLabels of both cross-entropy kernels on the active backend. */
async function crossEntropyOutputs(shape: number[], attrs: dd.tf.NamedAttrMap) {
  const tf = dd.tf;
  const { logits, labels, dy, dyShape } = crossEntropyOperands(shape, attrs.reduction === 'mean');
  const inputs = {
    logits: tf.tensor(logits, shape),
    labels: tf.tensor(labels, shape),
    dy: tf.tensor(dy, dyShape),
  };
  const engine = tf.engine();
  const loss = engine.runKernel(tf.DendriteSoftmaxCrossEntropy, inputs, attrs) as dd.Tensor;
  const grads = engine.runKernel(tf.DendriteSoftmaxCrossEntropyGrad, inputs, attrs) as dd.Tensor[];
  const outputs = [loss, ...grads];
  const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
  const shapes = outputs.map((t) => t.shape);
  tf.dispose([...outputs, ...Object.values(inputs)]);
  return { values, shapes };
}

/**
 * Largest relative gap between the active backend's softmax cross-entropy kernels (loss, dLogits,
 * dLabels) and the cpu backend's, over odd and even rows and classes, a rank-3 input, both
 * reductions (a small and a large mean) and the clip on and off (`worst` is infinite when an output's shape differs).
 */
export async function checkSoftmaxCrossEntropy(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const backend = tf.getBackend() as 'webgl' | 'webgpu' | 'wasm';
  const registered = tf.hasDendriteKernel(tf.DendriteSoftmaxCrossEntropy);
  const cases: Array<[number[], dd.tf.NamedAttrMap]> = [
    [[6, 10], { epsilon: 1e-7 }],
    [[6, 10], { epsilon: 0, reduction: 'none' }],
    [[7, 5], { epsilon: 1e-7, reduction: 'none' }],
    [[2, 3, 4], { epsilon: 1e-7 }],
    [[7, 5], { epsilon: 1e-7, reduction: 'mean' }],
    [[512, 10], { epsilon: 1e-7, reduction: 'mean' }],
    // Past webgl's one-fragment limit (65 536 entries): the mean takes a second pass there.
    [[7000, 10], { epsilon: 1e-7, reduction: 'mean' }],
  ];
  await dd.useBackend('cpu', { log: false });
  const want = [];
  for (const [shape, attrs] of cases) want.push(await crossEntropyOutputs(shape, attrs));
  await dd.useBackend(backend, { log: false });
  const before = tf.memory().numTensors;
  let worst = 0;
  for (const [k, [shape, attrs]] of cases.entries()) {
    const got = await crossEntropyOutputs(shape, attrs);
    const expected = want[k] as (typeof want)[number];
    if (JSON.stringify(got.shapes) !== JSON.stringify(expected.shapes)) {
      worst = Number.POSITIVE_INFINITY;
    }
    got.values.forEach((values, i) => {
      worst = Math.max(worst, largestArrayGap(values, expected.values[i] as Float32Array, true));
    });
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}

/** `[dx?, dKernel, dBias?]` of `DendriteDenseGrad`, or of the composed ops it replaces. */
function denseGradOutputs(shape: [number, number, number], attrs: dd.tf.DendriteDenseGradAttrs) {
  const tf = dd.tf;
  const [n, k, units] = shape;
  const [x, kernel, dy, z] = [
    [n, k],
    [k, units],
    [n, units],
    [n, units],
  ].map((dims, seed) => tf.randomNormal(dims, 0, 1, 'float32', seed + 11)) as [
    dd.Tensor,
    dd.Tensor,
    dd.Tensor,
    dd.Tensor,
  ];
  const out = tf.relu(z);
  const relu = attrs.activation === 'relu';
  const inputs: dd.tf.NamedTensorMap = relu ? { dy, x, kernel, out } : { dy, x, kernel };
  const outputs = tf.hasDendriteKernel(tf.DendriteDenseGrad)
    ? (tf.engine().runKernel(tf.DendriteDenseGrad, inputs, { ...attrs }) as dd.Tensor[])
    : tf.tidy(() => {
        const dz = relu ? tf.mul(dy, tf.step(out)) : dy;
        return [
          ...(attrs.inputGradient ? [tf.matMul(dz, kernel, false, true)] : []),
          tf.matMul(x, dz, true, false),
          ...(attrs.hasBias ? [tf.sum(dz, 0)] : []),
        ];
      });
  tf.dispose([x, kernel, dy, z, out]);
  return outputs;
}

/**
 * Largest relative gap between the active backend's `DendriteDenseGrad` and the composed ops on
 * the cpu backend (ReLU mask, both products, the bias sum), over odd and even sizes and every
 * attribute combination (`worst` is infinite when the outputs' count or shapes differ).
 */
export async function checkDenseGrad(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const backend = tf.getBackend() as 'webgl' | 'webgpu' | 'wasm';
  const registered = tf.hasDendriteKernel(tf.DendriteDenseGrad);
  const cases: Array<[[number, number, number], dd.tf.DendriteDenseGradAttrs]> = [
    [[37, 29, 6], { activation: 'relu', inputGradient: true, hasBias: true }],
    [[32, 20, 11], { activation: 'relu', inputGradient: false, hasBias: true }],
    [[33, 16, 10], { activation: 'linear', inputGradient: true, hasBias: true }],
    [[8, 5, 3], { activation: 'linear', inputGradient: false, hasBias: false }],
  ];
  const read = async (outputs: dd.Tensor[]) => {
    const values = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
    const shapes = JSON.stringify(outputs.map((t) => t.shape));
    tf.dispose(outputs);
    return { values, shapes };
  };
  await dd.useBackend('cpu', { log: false });
  const want = [];
  for (const [shape, attrs] of cases) want.push(await read(denseGradOutputs(shape, attrs)));
  await dd.useBackend(backend, { log: false });
  const before = tf.memory().numTensors;
  let worst = 0;
  for (const [i, [shape, attrs]] of cases.entries()) {
    const got = await read(denseGradOutputs(shape, attrs));
    const expected = want[i] as (typeof want)[number];
    if (got.shapes !== expected.shapes) worst = Number.POSITIVE_INFINITY;
    got.values.forEach((values, j) => {
      worst = Math.max(worst, largestArrayGap(values, expected.values[j] as Float32Array, true));
    });
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}

/**
 * Largest gap between the active backend's `DendriteDropout` (+ its gradient) and the contract's
 * reference: the mask of `dropoutMaskValues` (a mismatched entry counts as a gap of 1) and
 * `x · mask · fround(1 / (1 − rate))`, over ranks 1 to 3, odd sizes, negative seeds, rate 0.
 */
export async function checkDropout(): Promise<KernelCheckResult> {
  const tf = dd.tf;
  const registered = tf.hasDendriteKernel(tf.DendriteDropout);
  const before = tf.memory().numTensors;
  const cases: Array<[number[], number, number]> = [
    [[37, 29], 0.3, -123456789],
    [[512, 100], 0.3, 2024],
    [[5], 0.5, 7],
    [[2, 3, 5], 0.9, 1],
    [[4, 6], 0, 99],
  ];
  let worst = 0;
  for (const [shape, rate, seed] of cases) {
    const x = tf.randomNormal(shape, 0, 1, 'float32', 21);
    const dy = tf.randomNormal(shape, 0, 1, 'float32', 22);
    const [y, mask] = tf
      .engine()
      .runKernel(tf.DendriteDropout, { x }, { rate, seed }) as dd.Tensor[];
    const dx = tf
      .engine()
      .runKernel(tf.DendriteDropoutGrad, { dy, mask: mask as dd.Tensor }, { rate }) as dd.Tensor;
    const [xs, dys, ys, masks, dxs] = await Promise.all(
      [x, dy, y, mask, dx].map((t) => (t as dd.Tensor).data()),
    );
    const want = tf.dropoutMaskValues(seed, x.size, rate);
    const scale = Math.fround(1 / (1 - rate));
    const scaled = (v: ArrayLike<number>) =>
      Float32Array.from(want, (m, i) => (v[i] as number) * (m ? scale : 0));
    worst = Math.max(
      worst,
      largestArrayGap(masks as Uint8Array, want),
      largestArrayGap(ys as Float32Array, scaled(xs as Float32Array), true),
      largestArrayGap(dxs as Float32Array, scaled(dys as Float32Array), true),
      tf.util.arraysEqual((mask as dd.Tensor).shape, shape) && mask?.dtype === 'bool'
        ? 0
        : Infinity,
    );
    tf.dispose([x, dy, y as dd.Tensor, mask as dd.Tensor, dx]);
  }
  return { registered, worst, leaked: tf.memory().numTensors - before };
}
