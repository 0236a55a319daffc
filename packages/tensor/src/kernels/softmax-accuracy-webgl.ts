import type * as tf from '@tensorflow/tfjs-core';
import {
  checkSoftmaxAccuracy,
  DendriteSoftmaxAccuracy,
  type SoftmaxAccuracyInputs,
} from './softmax-accuracy.js';
import { registerWebGlKernel, type WebGLBackendLike } from './webgl-program.js';

// The WebGL version of `DendriteSoftmaxAccuracy` (contract in `softmax-accuracy.ts`). Composed,
// the softmax, the two argmaxes, the comparison and the sum are about twenty programs (with the
// unpacking the reductions need); here they are one, reading the packed logits the Dense product
// leaves, or two for a large batch.

/** Largest `rows · classes` one fragment scores alone (as the cross-entropy's mean). */
const ONE_FRAGMENT_LIMIT = 65536;

/**
 * GLSL of `rowHits(row)`: whether rows `row` and `row + 1` (`row` even; one packed texel holds two
 * rows' entries for two classes) are hits, `argmax(labels) == argmax(softmax(logits))`.
 */
function rowHits(classes: number): string {
  // Every loop visits classes c and c + 1 of both rows: `xz` and, below `classes`, `yw`.
  const pairs = (body: (logit: string, label: string, c: string) => string) => `
        for (int c = 0; c < ${classes}; c += 2) {
          vec4 b = getLogits(row, c);
          vec4 t = getLabels(row, c);
          ${body('b.xz', 't.xz', 'float(c)')}
          if (c + 1 < ${classes}) { ${body('b.yw', 't.yw', 'float(c + 1)')} }
        }`;
  // Strictly greater moves the maximum, so the first of equal values wins, as `argMax` does.
  // `mix` with a boolean selects; with a float it computes `x + a·(y − x)`, which can miss `y` by
  // an ulp and then let an equal later value win.
  const keepFirst = (value: string, best: string, index: string, c: string) => `
          bvec2 above${best} = greaterThan(${value}, ${best});
          ${best} = mix(${best}, ${value}, above${best});
          ${index} = mix(${index}, vec2(${c}), above${best});`;
  return `
      vec2 rowHits(int row) {
        vec2 top = getLogits(row, 0).xz;
        ${pairs((l) => `top = max(top, ${l});`)}
        vec2 total = vec2(0.0);
        ${pairs((l) => `total += exp(${l} - top);`)}
        vec2 bestP = exp(getLogits(row, 0).xz - top) / total;
        vec2 bestT = getLabels(row, 0).xz;
        vec2 predicted = vec2(0.0);
        vec2 label = vec2(0.0);
        ${pairs(
          (l, t, c) => `{
          vec2 p = exp(${l} - top) / total;
          ${keepFirst('p', 'bestP', 'predicted', c)}
          vec2 score = ${t};
          ${keepFirst('score', 'bestT', 'label', c)}
        }`,
        )}
        return vec2(equal(predicted, label));
      }`;
}

const kernel: tf.KernelFunc = ({ inputs, backend }) => {
  const named = inputs as SoftmaxAccuracyInputs;
  const { rows, classes } = checkSoftmaxAccuracy(named);
  const gl = backend as WebGLBackendLike;
  const oneFragment = rows * classes <= ONE_FRAGMENT_LIMIT;
  const program = {
    variableNames: ['logits', 'labels'],
    outputShape: oneFragment ? [] : [rows],
    packedInputs: true,
    // A packed scalar is what the metric's packed add reads: no packing program after this one.
    packedOutput: oneFragment,
    userCode: `
      ${rowHits(classes)}
      void main() {
        ${
          oneFragment
            ? `float hits = 0.0;
        for (int row = 0; row < ${rows}; row += 2) {
          vec2 pair = rowHits(row);
          hits += pair.x;
          if (row + 1 < ${rows}) { hits += pair.y; }
        }
        setOutput(vec4(hits));`
            : `int row = getOutputCoords();
        int even = row - imod(row, 2);
        vec2 pair = rowHits(even);
        setOutput(even == row ? pair.x : pair.y);`
        }
      }`,
  };
  const out = gl.runWebGLProgram(program, [named.logits, named.labels], 'float32');
  if (oneFragment) return out;
  const sumProgram = {
    variableNames: ['hits'],
    outputShape: [],
    packedOutput: true,
    userCode: `
      void main() {
        float total = 0.0;
        for (int row = 0; row < ${rows}; row++) { total += getHits(row); }
        setOutput(vec4(total));
      }`,
  };
  const total = gl.runWebGLProgram(sumProgram, [out], 'float32');
  gl.disposeData(out.dataId);
  return total;
};

/**
 * Registers {@link DendriteSoftmaxAccuracy} for tfjs' `webgl` backend (idempotent).
 * @example
 * registerSoftmaxAccuracyWebGl();
 * const hits = tf.engine().runKernel(DendriteSoftmaxAccuracy, { logits, labels }, {}) as tf.Scalar;
 */
export function registerSoftmaxAccuracyWebGl(): void {
  registerWebGlKernel(DendriteSoftmaxAccuracy, kernel);
}
