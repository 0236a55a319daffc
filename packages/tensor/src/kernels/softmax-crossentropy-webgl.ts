import * as tf from '@tensorflow/tfjs-core';
import * as contract from './softmax-crossentropy.js';
import {
  packedEntry,
  packedOnce,
  registerWebGlKernel,
  type WebGLBackendLike,
} from './webgl-program.js';

// WebGL versions of the softmax cross-entropy kernels whose contract (names, inputs, attrs,
// outputs and math) `softmax-crossentropy.ts` states for every backend. Both programs read packed
// textures, as the Dense product leaves its logits: an unpacked program would first unpack them.

/**
 * Largest `rows · classes` whose mean loss one fragment computes alone (a few hundred thousand
 * exponentials at most: well inside a GPU's watchdog); larger means take a second pass.
 */
const ONE_FRAGMENT_LIMIT = 65536;

/** The clip uniforms: bounds of the log-probabilities and whether to clip at all. */
const clipUniforms = ['clipLow', 'clipHigh', 'clipOn'];

function clipValues(epsilon: number): number[][] {
  return epsilon === 0 ? [[0], [0], [0]] : [[Math.log(epsilon)], [Math.log1p(-epsilon)], [1]];
}

/**
 * GLSL shared by both programs for rows of `classes` logits: `logit`/`label` read one entry,
 * `rowShift(row)` is the row's log-softmax shift (its maximum plus the log of the shifted
 * exponentials' sum, so large logits stay finite), `clipped` and `inside` apply the clip.
 */
function rowHelpers(classes: number): string {
  return `
      ${packedEntry('logit', 'getLogits')}
      ${packedEntry('label', 'getLabels')}
      bool inside(float l) {
        return clipOn < 0.5 || (l >= clipLow && l <= clipHigh);
      }
      float clipped(float l) {
        return clipOn < 0.5 ? l : clamp(l, clipLow, clipHigh);
      }
      float rowShift(int row) {
        float top = logit(row, 0);
        for (int c = 1; c < ${classes}; c++) { top = max(top, logit(row, c)); }
        float total = 0.0;
        for (int c = 0; c < ${classes}; c++) { total += exp(logit(row, c) - top); }
        return top + log(total);
      }`;
}

/** The logits and labels as `[rows, classes]` views (tfjs reshapes a packed texture if needed). */
function asRows(inputs: contract.SoftmaxCrossEntropyInputs, classes: number) {
  const rows = classes === 0 ? 0 : tf.util.sizeFromShape(inputs.logits.shape) / classes;
  const shape = [rows, classes];
  return { rows, logits: { ...inputs.logits, shape }, labels: { ...inputs.labels, shape } };
}

/**
 * One fragment per row computes `−Σ_c labels_c · clip(logSoftmax(logits)_c)`; for
 * `reduction: 'mean'` a single fragment sums the rows in order and divides by their count.
 * (`rows ≥ 1` here: empty logits were answered with zeros above.)
 */
const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const named = inputs as contract.SoftmaxCrossEntropyInputs;
  const settings = attrs as unknown as contract.SoftmaxCrossEntropyAttrs;
  const { classes, mean, lossShape } = contract.checkSoftmaxCrossEntropy(
    contract.DendriteSoftmaxCrossEntropy,
    named,
    settings,
  );
  const { rows, logits, labels } = asRows(named, classes);
  if (tf.util.sizeFromShape(named.logits.shape) === 0) {
    const fill = tf.getKernel(tf.Fill, 'webgl') as tf.KernelConfig;
    const fillAttrs = { shape: lossShape, value: 0, dtype: 'float32' };
    return fill.kernelFunc({ inputs: {}, backend, attrs: fillAttrs }) as tf.TensorInfo;
  }
  // A mean over a small batch is one fragment; a large one sums per-row losses in a second pass.
  const oneFragment = mean && rows * classes <= ONE_FRAGMENT_LIMIT;
  const program = {
    variableNames: ['logits', 'labels'],
    outputShape: oneFragment ? [] : [rows],
    packedInputs: true,
    packedOutput: false,
    customUniforms: clipUniforms.map((name) => ({ name, type: 'float' })),
    userCode: `
      ${rowHelpers(classes)}
      float rowLoss(int row) {
        float shift = rowShift(row);
        float loss = 0.0;
        for (int c = 0; c < ${classes}; c++) { loss -= label(row, c) * clipped(logit(row, c) - shift); }
        return loss;
      }
      void main() {
        ${
          oneFragment
            ? `float total = 0.0;
        for (int row = 0; row < ${rows}; row++) { total += rowLoss(row); }
        setOutput(total / ${rows}.0);`
            : 'setOutput(rowLoss(getOutputCoords()));'
        }
      }`,
  };
  const gl = backend as WebGLBackendLike;
  const clip = clipValues(settings.epsilon);
  const out = gl.runWebGLProgram(program, [logits, labels], 'float32', clip);
  if (!mean || oneFragment) return { ...out, shape: lossShape };
  const meanProgram = {
    variableNames: ['loss'],
    outputShape: [],
    userCode: `
      void main() {
        float total = 0.0;
        for (int row = 0; row < ${rows}; row++) { total += getLoss(row); }
        setOutput(total / ${rows}.0);
      }`,
  };
  const total = gl.runWebGLProgram(meanProgram, [out], 'float32');
  gl.disposeData(out.dataId);
  return total;
};

/**
 * One fragment per 2 × 2 block of the packed output, run twice (the `which` uniform picks
 * `dLogits` or `dLabels`: tfjs' WebGL programs have one output each):
 * `dLogits_c = dy · (p_c · S − labels_c · u_c)`, `dLabels_c = −dy · clip(l_c)`, with each row's
 * log-softmax recomputed in the fragment (few classes).
 */
const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const named = inputs as contract.SoftmaxCrossEntropyGradInputs;
  const settings = attrs as unknown as contract.SoftmaxCrossEntropyAttrs;
  const { classes, mean } = contract.checkSoftmaxCrossEntropyGrad(named, settings);
  const { rows, logits, labels } = asRows(named, classes);
  // A mean hands each row an equal share of the scalar `dy`; otherwise row r reads its own.
  const dy = mean ? named.dy : { ...named.dy, shape: [rows] };
  const upstream = mean
    ? `getDy().x / ${Math.max(rows, 1)}.0`
    : 'imod(row, 2) == 0 ? getDy(row).x : getDy(row).y';
  const program = {
    variableNames: ['dy', 'logits', 'labels'],
    outputShape: [rows, classes],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [...clipUniforms, 'which'].map((name) => ({ name, type: 'float' })),
    userCode: `
      ${rowHelpers(classes)}
      float entry(int row, int col, float shift, float d, float kept) {
        float l = logit(row, col) - shift;
        if (which > 0.5) { return -d * clipped(l); }
        return d * (exp(l) * kept - (inside(l) ? label(row, col) : 0.0));
      }
      vec2 rowPair(int row, int col) {
        if (row >= ${rows}) { return vec2(0.0); }
        float shift = rowShift(row);
        float d = ${upstream};
        float kept = 0.0;
        for (int c = 0; c < ${classes}; c++) {
          if (inside(logit(row, c) - shift)) { kept += label(row, c); }
        }
        float second = col + 1 < ${classes} ? entry(row, col + 1, shift, d, kept) : 0.0;
        return vec2(entry(row, col, shift, d, kept), second);
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(vec4(rowPair(rc.x, rc.y), rowPair(rc.x + 1, rc.y)));
      }`,
  };
  const gl = backend as WebGLBackendLike;
  const clip = clipValues(settings.epsilon);
  // Both runs read every input: pack each once (one-hot batches usually arrive unpacked).
  const read = [dy, logits, labels];
  const packed = read.map((info) => packedOnce(gl, info));
  const outputs = [0, 1].map((which) => {
    const out = gl.runWebGLProgram(program, packed, 'float32', [...clip, [which]]);
    return { ...out, shape: named.logits.shape };
  });
  packed.forEach((info, i) => {
    if (info !== read[i]) gl.disposeData(info.dataId);
  });
  return outputs;
};

/**
 * Registers both softmax cross-entropy kernels for tfjs' `webgl` backend (idempotent).
 * @example
 * registerSoftmaxCrossEntropyWebGl();
 * const loss = tf.engine().runKernel(DendriteSoftmaxCrossEntropy, { logits, labels },
 *   { epsilon: 1e-7, reduction: 'mean' }) as tf.Scalar;
 */
export function registerSoftmaxCrossEntropyWebGl(): void {
  registerWebGlKernel(contract.DendriteSoftmaxCrossEntropy, forwardKernel);
  registerWebGlKernel(contract.DendriteSoftmaxCrossEntropyGrad, gradKernel);
}
