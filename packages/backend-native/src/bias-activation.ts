import * as tf from '@dendrite/tensor';
import { cpuKernel } from './cpu-kernels.js';
import type { KernelContext } from './kernel-context.js';
import { floatValues, output } from './tensor-data.js';

/** The cpu kernels tfjs's fused ops apply after the matmul or convolution. */
const activationKernels: Readonly<Record<string, string>> = Object.freeze({
  relu: 'Relu',
  relu6: 'Relu6',
  elu: 'Elu',
  prelu: 'Prelu',
  leakyrelu: 'LeakyRelu',
  sigmoid: 'Sigmoid',
});

/** What a fused kernel adds after its product: tfjs's `bias` and `activation` inputs and attrs. */
export interface FusedTail {
  readonly bias?: tf.TensorInfo | undefined;
  readonly activation?: string | undefined;
  readonly preluActivationWeights?: tf.TensorInfo | undefined;
  readonly leakyreluAlpha?: number | undefined;
}

/** The {@link FusedTail} of a tfjs fused kernel (`_FusedMatMul`, `FusedConv2D`) from its inputs and attrs. */
export function fusedTail(
  inputs: { bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo },
  attrs: { activation?: string; leakyreluAlpha?: number },
): FusedTail {
  return {
    bias: inputs.bias,
    activation: attrs.activation,
    preluActivationWeights: inputs.preluActivationWeights,
    leakyreluAlpha: attrs.leakyreluAlpha,
  };
}

/** True when `bias` repeats along the rows of `outShape` (shape `[n]`, `[1, n]`, `[1]`, ...). */
function isRowBias(bias: tf.TensorInfo, outShape: readonly number[]): boolean {
  const last = outShape[outShape.length - 1] ?? 1;
  if (bias.shape.length > outShape.length) return false;
  const size = tf.util.sizeFromShape(bias.shape);
  const lead = bias.shape.slice(0, -1);
  return lead.every((d) => d === 1) && (size === last || size === 1);
}

/**
 * Returns the tensor `activation(values + bias)` of the product's `shape`, computed in place in `values` by the
 * addon when it can, else by the cpu kernels exactly as tfjs's fused kernels do.
 */
export function finishFused(
  { addon, codes }: Pick<KernelContext, 'addon' | 'codes'>,
  backend: tf.KernelBackend,
  { shape, values }: { shape: number[]; values: Float32Array },
  tail: FusedTail,
): tf.TensorInfo {
  const activation = tail.activation ?? 'linear';
  const code = Object.hasOwn(codes.activation, activation)
    ? codes.activation[activation]
    : undefined;
  const bias = tail.bias === undefined ? null : floatValues(backend, tail.bias);
  const biasFits = tail.bias === undefined || (bias !== undefined && isRowBias(tail.bias, shape));
  if (code !== undefined && biasFits) {
    if (bias !== null || code !== codes.activation.linear)
      addon.biasActivation(values, bias ?? null, code, tail.leakyreluAlpha ?? 0.2);
    return output(backend, shape, values);
  }
  let current = output(backend, shape, values);
  if (tail.bias !== undefined) {
    const added = cpuKernel('Add')({
      inputs: { a: current, b: tail.bias },
      backend,
    }) as tf.TensorInfo;
    backend.disposeData(current.dataId);
    current = added;
  }
  const kernelName = activationKernels[activation];
  if (kernelName === undefined && activation !== 'linear') {
    backend.disposeData(current.dataId);
    throw new Error(
      `Activation ${activation} has not been implemented for the dendrite-native backend.`,
    );
  }
  if (kernelName !== undefined) {
    const inputs: tf.NamedTensorInfoMap =
      activation === 'prelu' && tail.preluActivationWeights !== undefined
        ? { x: current, alpha: tail.preluActivationWeights }
        : { x: current };
    const attrs: tf.NamedAttrMap =
      activation === 'leakyrelu' ? { alpha: tail.leakyreluAlpha ?? 0.2 } : {};
    const activated = cpuKernel(kernelName)({ inputs, backend, attrs }) as tf.TensorInfo;
    backend.disposeData(current.dataId);
    current = activated;
  }
  return current;
}
