import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ValueError } from '../errors.js';
import {
  DendriteDropout,
  type DendriteDropoutAttrs,
  DendriteDropoutGrad,
  dropoutMaskValues,
} from './dropout.js';
import { registerWebGlKernel, type WebGLBackendLike } from './webgl-program.js';

// The WebGL versions of `DendriteDropout` and its gradient (contract in `dropout.ts`). The mask is
// drawn on the GPU by the same generator `RandomGenerator.fillMask` runs (draw `i` hashes the state
// `seed + (i + 1)·0x6d2b79f5`), so no mask is drawn on the host and uploaded each step.

/** `value` as a `[rows, last axis]` view (tfjs reshapes a packed texture where it must). */
function asMatrix(info: tf.TensorInfo): tf.TensorInfo {
  const columns = info.shape.length === 0 ? 1 : (info.shape.at(-1) as number);
  const rows = columns === 0 ? 0 : tf.util.sizeFromShape(info.shape) / columns;
  return { ...info, shape: [rows, columns] };
}

/** An unsigned 32-bit value as two 16-bit ints (the custom uniforms have no `uint`). */
function halves(value: number): number[][] {
  const unsigned = value >>> 0;
  return [[unsigned >>> 16], [unsigned & 0xffff]];
}

/**
 * The keep-mask (1 kept, 0 dropped) of `shape`'s `[rows, columns]` view, packed, drawn in
 * WebGL 2 (unsigned integers); on WebGL 1 it is drawn on the host by the reference and uploaded.
 */
function drawMask(gl: WebGLBackendLike, shape: number[], rate: number, seed: number) {
  if (tf.env().getNumber('WEBGL_VERSION') !== 2) {
    const size = tf.util.sizeFromShape(shape);
    return gl.makeTensorInfo(shape, 'bool', dropoutMaskValues(seed, size, rate));
  }
  const [rows, columns] = asMatrix({ dataId: {}, shape, dtype: 'bool' }).shape as [number, number];
  // draw < rate·2³² ⇔ draw ≤ ceil(rate·2³²) − 1 for an integer draw; `dropsAny` covers rate 0.
  const threshold = Math.ceil(rate * 4294967296);
  const program = {
    variableNames: [],
    outputShape: [rows, columns],
    packedInputs: true,
    packedOutput: true,
    customUniforms: ['seedHigh', 'seedLow', 'limitHigh', 'limitLow', 'dropsAny'].map((name) => ({
      name,
      type: 'int',
    })),
    userCode: `
      uint draw(int index) {
        uint state = ((uint(seedHigh) << 16) | uint(seedLow)) + uint(index + 1) * 0x6D2B79F5u;
        uint t = (state ^ (state >> 15)) * (state | 1u);
        t ^= t + (t ^ (t >> 7)) * (t | 61u);
        return t ^ (t >> 14);
      }
      float kept(int row, int col) {
        if (row >= ${rows} || col >= ${columns}) { return 0.0; }
        uint limit = (uint(limitHigh) << 16) | uint(limitLow);
        return (dropsAny == 1 && draw(row * ${columns} + col) <= limit) ? 0.0 : 1.0;
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(vec4(kept(rc.x, rc.y), kept(rc.x, rc.y + 1), kept(rc.x + 1, rc.y),
          kept(rc.x + 1, rc.y + 1)));
      }`,
  };
  const uniforms = [
    ...halves(seed),
    ...halves(Math.max(threshold - 1, 0)),
    [threshold > 0 ? 1 : 0],
  ];
  const mask = gl.runWebGLProgram(program, [], 'bool', uniforms);
  return { ...mask, shape };
}

/** `value · (mask ? scale : 0)` with `scale = fround(1 / (1 − rate))`, on packed textures. */
function applyMask(gl: WebGLBackendLike, value: tf.TensorInfo, mask: tf.TensorInfo, rate: number) {
  if (value.dtype !== 'float32') {
    throw new ValueError(`${DendriteDropout}: the input must be float32; received ${value.dtype}`);
  }
  const program = {
    variableNames: ['value', 'mask'],
    outputShape: asMatrix(value).shape,
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'scale', type: 'float' }],
    userCode: `
      void main() {
        setOutput(getValueAtOutCoords() * (getMaskAtOutCoords() * scale));
      }`,
  };
  const scale = Math.fround(1 / (1 - rate));
  const out = gl.runWebGLProgram(program, [asMatrix(value), asMatrix(mask)], 'float32', [[scale]]);
  return { ...out, shape: value.shape };
}

const dropoutKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  const { rate, seed } = attrs as unknown as DendriteDropoutAttrs;
  if (!(rate >= 0 && rate < 1)) {
    throw new ConfigError(`${DendriteDropout}: \`rate\` must be in [0, 1); received ${rate}`);
  }
  const gl = backend as WebGLBackendLike;
  const mask = drawMask(gl, x.shape, rate, seed);
  return [applyMask(gl, x, mask, rate), mask];
};

const dropoutGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, mask } = inputs as { dy: tf.TensorInfo; mask: tf.TensorInfo };
  const { rate } = attrs as unknown as DendriteDropoutAttrs;
  return applyMask(backend as WebGLBackendLike, dy, mask, rate);
};

/**
 * Registers {@link DendriteDropout} and {@link DendriteDropoutGrad} for tfjs' `webgl` backend
 * (idempotent).
 * @example
 * registerDropoutWebGl();
 * const [y, mask] = tf.engine().runKernel(DendriteDropout, { x }, { rate: 0.3, seed: 42 }) as tf.Tensor[];
 */
export function registerDropoutWebGl(): void {
  registerWebGlKernel(DendriteDropout, dropoutKernel);
  registerWebGlKernel(DendriteDropoutGrad, dropoutGradKernel);
}
