import * as tf from '@dendrite/tensor';
import { updatableInPlace } from './adam-kernel.js';
import { inputValues } from './kernel-inputs.js';
import { output } from './tensor-data.js';

/** A weight's arrays for a native chain call: its values, gradient and (with Adam) moments. */
export interface WeightArrays {
  readonly weight: tf.DenseChainWeight;
  readonly values: Float32Array;
  readonly gradient: Float32Array;
  readonly moments: readonly [Float32Array, Float32Array] | undefined;
  /** Whether Adam writes into the tensors' own memory (else into `values`/`moments` copies). */
  readonly inPlace: boolean;
}

/** The float32 values of `owner`'s input `name`, of its own shape. */
export function chainValues(
  backend: tf.KernelBackend,
  owner: string,
  name: string,
  info: tf.TensorInfo,
): Float32Array {
  return inputValues(backend, owner, name, info, 'float32', info.shape);
}

/**
 * Each weight's arrays, every input read (and checked) before the step changes anything: with
 * Adam, the weight and its moments themselves when nothing else holds them, else copies.
 * `gradient(i, size)` gives weight `i`'s gradient array.
 */
export function weightArrays(
  backend: tf.KernelBackend,
  owner: string,
  chain: tf.DenseChain,
  gradient: (index: number, size: number) => Float32Array,
): WeightArrays[] {
  return chain.weights.map((weight, i): WeightArrays => {
    const own = chainValues(backend, owner, weight.name, weight.value);
    const grad = gradient(i, own.length);
    if (!weight.moments) {
      return { weight, values: own, gradient: grad, moments: undefined, inPlace: false };
    }
    const inPlace = updatableInPlace(backend, [weight.value, ...weight.moments]);
    const [w, m, v] = [
      own,
      ...weight.moments.map((info, k) =>
        chainValues(
          backend,
          owner,
          tf.denseChainMomentName(weight.name, k === 0 ? 'm' : 'v'),
          info,
        ),
      ),
    ].map((array) => (inPlace ? array : array.slice())) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    return { weight, values: w, gradient: grad, moments: [m, v], inPlace };
  });
}

/**
 * The per-layer arguments of the addon's chain bindings: kernel, bias, their gradients, units,
 * relu, the dropout's rate and state, and with Adam the four moments.
 */
export function layerArguments(
  chain: tf.DenseChain,
  arrays: readonly WeightArrays[],
): Array<Float32Array | null | number | boolean> {
  const args: Array<Float32Array | null | number | boolean> = [];
  let next = 0;
  for (const { spec, kernel, bias } of chain.layers) {
    const k = arrays[next++] as WeightArrays;
    const b = bias === undefined ? undefined : (arrays[next++] as WeightArrays);
    args.push(
      k.values,
      b?.values ?? null,
      k.gradient,
      b?.gradient ?? null,
      kernel.shape[1] as number,
      spec.activation === 'relu',
      spec.dropoutRate,
      (spec.dropoutSeed ?? 0) >>> 0,
    );
    if (chain.adam) args.push(...(k.moments ?? []), ...(b?.moments ?? [null, null]));
  }
  return args;
}

/**
 * The weights' outputs after the call: each gradient without Adam; with it each `[w', m', v']`,
 * the inputs' own data where the step was written in place, else the copies.
 */
export function weightOutputs(
  backend: tf.KernelBackend,
  arrays: readonly WeightArrays[],
): tf.TensorInfo[] {
  return arrays.flatMap(({ weight, values: w, gradient, moments, inPlace }) => {
    const shape = weight.value.shape.slice();
    if (!moments) return [output(backend, shape, gradient)];
    if (!inPlace) return [w, ...moments].map((array) => output(backend, shape, array));
    return [weight.value, ...(weight.moments as [tf.TensorInfo, tf.TensorInfo])].map((info) => {
      backend.incRef(info.dataId);
      return { dataId: info.dataId, shape: info.shape.slice(), dtype: 'float32' as const };
    });
  });
}
