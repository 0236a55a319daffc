import * as tf from '@tensorflow/tfjs-core';
import * as contract from './softmax-crossentropy.js';
import { packedOnce, registerWebGlKernel, type WebGLBackendLike } from './webgl-program.js';

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
 * GLSL shared by both programs. Each packed texel holds two rows' entries for two classes, so the
 * helpers work on the row pair `(row, row + 1)` (`row` even) at once, one fetch per two classes:
 * `rowShifts` is each row's log-softmax shift (its maximum plus the log of the shifted
 * exponentials' sum, so large logits stay finite), `rowLosses` each row's loss, `rowKept` each
 * row's `S = Σ labels` over the unclipped entries; `clipped` and `inside` apply the clip.
 */
function rowHelpers(classes: number): string {
  // Every loop visits classes c and c + 1 of both rows: `xz` and, below `classes`, `yw`.
  const pairs = (body: (l: string, t: string) => string) => `
        for (int c = 0; c < ${classes}; c += 2) {
          vec4 b = getLogits(row, c);
          vec4 t = getLabels(row, c);
          ${body('b.xz', 't.xz')}
          if (c + 1 < ${classes}) { ${body('b.yw', 't.yw')} }
        }`;
  return `
      vec4 inside(vec4 l) {
        if (clipOn < 0.5) { return vec4(1.0); }
        return vec4(greaterThanEqual(l, vec4(clipLow))) * vec4(lessThanEqual(l, vec4(clipHigh)));
      }
      vec4 clipped(vec4 l) {
        return clipOn < 0.5 ? l : clamp(l, clipLow, clipHigh);
      }
      vec2 rowShifts(int row) {
        vec2 top = getLogits(row, 0).xz;
        ${pairs((l) => `top = max(top, ${l});`)}
        vec2 total = vec2(0.0);
        ${pairs((l) => `total += exp(${l} - top);`)}
        return top + log(total);
      }
      vec2 rowLosses(int row, vec2 shift) {
        vec2 loss = vec2(0.0);
        ${pairs((l, t) => `loss -= ${t} * clipped(vec4(${l} - shift, 0.0, 0.0)).xy;`)}
        return loss;
      }
      vec2 rowKept(int row, vec2 shift) {
        vec2 kept = vec2(0.0);
        ${pairs((l, t) => `kept += ${t} * inside(vec4(${l} - shift, 0.0, 0.0)).xy;`)}
        return kept;
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
      void main() {
        ${
          oneFragment
            ? `float total = 0.0;
        for (int row = 0; row < ${rows}; row += 2) {
          vec2 loss = rowLosses(row, rowShifts(row));
          total += loss.x;
          if (row + 1 < ${rows}) { total += loss.y; }
        }
        setOutput(total / ${rows}.0);`
            : `int row = getOutputCoords();
        int even = row - imod(row, 2);
        vec2 loss = rowLosses(even, rowShifts(even));
        setOutput(even == row ? loss.x : loss.y);`
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
 * `dLogits_c = dy · (p_c · S − labels_c · u_c)`, `dLabels_c = −dy · clip(l_c)`, with the two
 * rows' log-softmax recomputed in the fragment (few classes).
 */
const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const named = inputs as contract.SoftmaxCrossEntropyGradInputs;
  const settings = attrs as unknown as contract.SoftmaxCrossEntropyAttrs;
  const { classes, mean } = contract.checkSoftmaxCrossEntropyGrad(named, settings);
  const { rows, logits, labels } = asRows(named, classes);
  // A mean hands each row an equal share of the scalar `dy`; otherwise row r reads its own.
  const dy = mean ? named.dy : { ...named.dy, shape: [rows] };
  const upstream = mean ? `vec2(getDy().x / ${Math.max(rows, 1)}.0)` : 'getDy(row).xy';
  const program = {
    variableNames: ['dy', 'logits', 'labels'],
    outputShape: [rows, classes],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [...clipUniforms, 'which'].map((name) => ({ name, type: 'float' })),
    userCode: `
      ${rowHelpers(classes)}
      void main() {
        ivec2 rc = getOutputCoords();
        int row = rc.x;
        vec2 shift = rowShifts(row);
        vec4 d = (${upstream}).xxyy;
        vec4 l = getLogits(row, rc.y) - shift.xxyy;
        vec4 result = -d * clipped(l);
        if (which < 0.5) {
          vec4 kept = rowKept(row, shift).xxyy;
          result = d * (exp(l) * kept - inside(l) * getLabels(row, rc.y));
        }
        // Entries past the last row or class are the texture's padding.
        if (rc.y + 1 >= ${classes}) { result.yw = vec2(0.0); }
        if (row + 1 >= ${rows}) { result.zw = vec2(0.0); }
        setOutput(result);
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
