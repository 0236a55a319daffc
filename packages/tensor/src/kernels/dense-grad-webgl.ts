import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from '../errors.js';
import {
  DendriteDenseGrad,
  type DendriteDenseGradAttrs,
  type DendriteDenseGradInputs,
} from './dense-grad.js';
import { denseMatMulWebGl } from './dense-matmul-webgl.js';
import { registerWebGlKernel, type WebGLBackendLike } from './webgl-program.js';

// The WebGL version of `DendriteDenseGrad` (contract in `dense-grad.ts`). Composed, tfjs runs the
// ReLU mask as `Step` (an unpacked program, so unpack, step, pack) and a multiply, and the bias
// gradient as a transpose, an unpack, two reduction passes and a pack; here each is one packed
// program, and the two products are the Dense layer's own (`DendriteMatMul` on webgl).

function checkFloat(name: string, info: tf.TensorInfo | undefined, shape: readonly number[]) {
  if (info === undefined || info.dtype !== 'float32') {
    throw new ValueError(
      `${DendriteDenseGrad}: \`${name}\` must be a float32 tensor; received ${info ? info.dtype : 'none'}`,
    );
  }
  if (!tf.util.arraysEqual(info.shape, shape as number[])) {
    throw new ShapeError(
      `${DendriteDenseGrad}: \`${name}\` has shape [${info.shape}]; expected [${shape}]`,
    );
  }
}

/** `dz = dy ⊙ step(out)`, `step` as tfjs' `Step` (1 above 0, else 0; NaN for NaN). */
function reluMask(gl: WebGLBackendLike, dy: tf.TensorInfo, out: tf.TensorInfo): tf.TensorInfo {
  const program = {
    variableNames: ['dy', 'activated'],
    outputShape: dy.shape,
    packedInputs: true,
    packedOutput: true,
    userCode: `
      void main() {
        vec4 o = getActivatedAtOutCoords();
        vec4 dz = getDyAtOutCoords() * vec4(greaterThan(o, vec4(0.0)));
        bvec4 nan = isnan(o);
        setOutput(vec4(nan.x ? NAN : dz.x, nan.y ? NAN : dz.y, nan.z ? NAN : dz.z,
          nan.w ? NAN : dz.w));
      }`,
  };
  return gl.runWebGLProgram(program, [dy, out], 'float32');
}

/** `Σ over rows of dz`, summed in row order, one fragment per pair of columns. */
function columnSums(gl: WebGLBackendLike, dz: tf.TensorInfo): tf.TensorInfo {
  const [rows, units] = dz.shape as [number, number];
  const program = {
    variableNames: ['dz'],
    outputShape: [units],
    packedInputs: true,
    packedOutput: true,
    userCode: `
      void main() {
        int col = getOutputCoords();
        vec2 total = vec2(0.0);
        for (int row = 0; row < ${rows}; row += 2) {
          vec4 block = getDz(row, col);
          total += block.xy;
          if (row + 1 < ${rows}) { total += block.zw; }
        }
        setOutput(vec4(total, 0.0, 0.0));
      }`,
  };
  return gl.runWebGLProgram(program, [dz], 'float32');
}

const denseGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, x, kernel, out } = inputs as DendriteDenseGradInputs;
  const { activation, inputGradient, hasBias } = attrs as unknown as DendriteDenseGradAttrs;
  const [n, k] = x.shape as [number, number];
  const units = kernel?.shape[1] ?? -1;
  checkFloat('x', x, [n, k]);
  checkFloat('kernel', kernel, [k, units]);
  checkFloat('dy', dy, [n, units]);
  const gl = backend as WebGLBackendLike;
  let dz = dy;
  if (activation === 'relu') {
    checkFloat('out', out, [n, units]);
    dz = reluMask(gl, dy, out as tf.TensorInfo);
  }
  const product = (a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean) =>
    denseMatMulWebGl({
      inputs: { a, b },
      backend,
      attrs: { transposeA, transposeB: !transposeA, activation: 'linear' },
    });
  const outputs = [
    ...(inputGradient ? [product(dz, kernel, false)] : []),
    product(x, dz, true),
    ...(hasBias ? [columnSums(gl, dz)] : []),
  ];
  if (dz !== dy) gl.disposeData(dz.dataId);
  return outputs;
};

/**
 * Registers {@link DendriteDenseGrad} for tfjs' `webgl` backend (idempotent).
 * @example
 * registerDenseGradWebGl();
 * const [dx, dKernel, dBias] = tf.engine().runKernel(DendriteDenseGrad, { dy, x, kernel, out },
 *   { activation: 'relu', inputGradient: true, hasBias: true }) as tf.Tensor[];
 */
export function registerDenseGradWebGl(): void {
  registerWebGlKernel(DendriteDenseGrad, denseGradKernel);
}
