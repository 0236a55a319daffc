import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, ValueError } from '../errors.js';
import { runProductWebGpu } from './dense-matmul-webgpu.js';
import { flatProgram, type WebGPUBackendLike } from './webgpu-program.js';

// The WebGPU version of the Dense backward kernel whose contract (inputs, attrs, outputs and
// math) `dense-grad.ts` states for every backend; the Dense layer calls it only where the
// active backend has it.
const kernelName = 'DendriteDenseGrad';

interface DenseGradAttrs {
  readonly activation: 'linear' | 'relu';
  readonly inputGradient: boolean;
  readonly hasBias: boolean;
}

/** Checks the inputs against the contract; returns `[n, inputs, units]`. */
function sizesOf(named: Record<string, tf.TensorInfo | undefined>, attrs: DenseGradAttrs) {
  const { dy, x, kernel, out } = named;
  if (attrs.activation !== 'linear' && attrs.activation !== 'relu') {
    throw new ConfigError(
      `${kernelName}: \`activation\` must be 'linear' or 'relu'; received ${attrs.activation}`,
    );
  }
  if (!dy || !x || !kernel || (attrs.activation === 'relu') !== (out !== undefined)) {
    throw new ShapeError(
      `${kernelName}: needs \`dy\`, \`x\`, \`kernel\`, and \`out\` exactly for relu; received ${Object.keys(named).filter((name) => named[name])} for ${attrs.activation}`,
    );
  }
  const [n, inputs] = x.shape as [number, number];
  const units = kernel.shape[1] as number;
  const expected: Array<[string, tf.TensorInfo | undefined, number[]]> = [
    ['dy', dy, [n, units]],
    ['x', x, [n, inputs]],
    ['kernel', kernel, [inputs, units]],
    ['out', out, [n, units]],
  ];
  for (const [name, info, shape] of expected) {
    if (info === undefined) continue;
    if (info.dtype !== 'float32') {
      throw new ValueError(`${kernelName}: \`${name}\` must be float32; received ${info.dtype}`);
    }
    if (!tf.util.arraysEqual(info.shape, shape)) {
      throw new ShapeError(
        `${kernelName}: \`${name}\` has shape [${info.shape}]; expected [${shape}] (x [${x.shape}], kernel [${kernel.shape}])`,
      );
    }
  }
  return { dy, x, kernel, out, n, inputs, units };
}

/**
 * `dz = dy ⊙ step(out)` for relu (one element-wise dispatch; `dy` itself for linear), then
 * `dx = dz · kernelᵀ` and `dKernel = xᵀ · dz` as register-tiled products, and `dBias` as one
 * invocation per unit summing its column in row order.
 */
const denseGradWebGpu: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const options = attrs as unknown as DenseGradAttrs;
  const { dy, x, kernel, out, n, inputs: width, units } = sizesOf(inputs, options);
  const gpu = backend as unknown as WebGPUBackendLike & tf.KernelBackend;
  let dz = dy;
  if (out) {
    // tfjs' Step: 1 above 0, else 0, NaN kept.
    const stepped = `fn main(index : i32) {
        if (index < uniforms.size) {
          let o = layerOut[index];
          let s = select(select(0.0, 1.0, o > 0.0), o, o != o);
          setOutputAtIndex(index, dy[index] * s);
        }
      }`;
    const program = flatProgram('dendriteReluGrad', ['dy', 'layerOut'], n * units, '', stepped);
    dz = { ...gpu.runWebGPUProgram(program, [dy, out], 'float32'), shape: [n, units] };
  }
  const results: tf.TensorInfo[] = [];
  if (options.inputGradient) {
    const product = { a: dz, b: kernel, bias: undefined, relu: false };
    results.push(
      runProductWebGpu(gpu, {
        ...product,
        m: n,
        k: units,
        n: width,
        transposeA: false,
        transposeB: true,
      }),
    );
  }
  const product = { a: x, b: dz, bias: undefined, relu: false };
  results.push(
    runProductWebGpu(gpu, {
      ...product,
      m: width,
      k: n,
      n: units,
      transposeA: true,
      transposeB: false,
    }),
  );
  if (options.hasBias) {
    const columnSum = `fn main(unit : i32) {
        if (unit < uniforms.size) {
          var total = 0.0;
          for (var row = 0; row < ${n}; row++) { total = total + dz[row * ${units} + unit]; }
          setOutputAtIndex(unit, total);
        }
      }`;
    const program = flatProgram(`dendriteColumnSum_${n}`, ['dz'], units, '', columnSum);
    results.push(gpu.runWebGPUProgram(program, [dz], 'float32'));
  }
  if (dz !== dy) gpu.disposeData(dz.dataId);
  return results;
};

/** Registers the Dense backward kernel for tfjs' `webgpu` backend (idempotent). */
export function registerDenseGradWebGpu(): void {
  if (tf.getKernel(kernelName, 'webgpu') !== undefined) return;
  tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: denseGradWebGpu });
}
