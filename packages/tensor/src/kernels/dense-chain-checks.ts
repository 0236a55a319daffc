import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, configMessage, ShapeError, ValueError } from '../errors.js';
import { type AdamUpdateAttrs, checkAdamAttrs } from './adam-update.js';

const GRAD_KERNEL = 'DendriteDenseChainGrad';

/** One Dense layer of a `DendriteDenseChainGrad` chain, with the dropout on its input. */
export interface DenseChainLayer {
  /** The activation after the product; the last layer's is `'linear'` (its softmax is in the loss). */
  readonly activation: 'linear' | 'relu';
  /** Whether the layer has a bias input (`bias{i}`). */
  readonly hasBias: boolean;
  /** Inverted dropout on the layer's input: the fraction dropped, in [0, 1); 0 for none. */
  readonly dropoutRate: number;
  /** The generator state the dropout mask is drawn from (`RandomGenerator.getState`). */
  readonly dropoutSeed: number;
}

/** A weight of the chain and, when the kernel applies Adam, its two moments. */
export interface DenseChainWeight {
  /** Its input name (`kernel{i}`, `bias{i}`). */
  readonly name: string;
  readonly value: tf.TensorInfo;
  /** The Adam moments `[m, v]` (inputs `{name}_m`, `{name}_v`); `undefined` without `adam`. */
  readonly moments: readonly [tf.TensorInfo, tf.TensorInfo] | undefined;
}

/** A checked `DendriteDenseChainGrad` call. */
export interface DenseChain {
  readonly x: tf.TensorInfo;
  readonly labels: tf.TensorInfo;
  readonly epsilon: number;
  /** The Adam step the kernel applies to every weight, or `undefined`: it returns gradients. */
  readonly adam: AdamUpdateAttrs | undefined;
  readonly layers: ReadonlyArray<{
    readonly spec: DenseChainLayer;
    readonly kernel: tf.TensorInfo;
    readonly bias: tf.TensorInfo | undefined;
  }>;
  /** Every weight in output order: each layer's kernel, then its bias. */
  readonly weights: readonly DenseChainWeight[];
}

/** The float32 input `name` of `kernel`'s call. */
export function chainInput(
  kernel: string,
  inputs: tf.NamedTensorInfoMap,
  name: string,
): tf.TensorInfo {
  const info = inputs[name];
  if (info === undefined) throw new ConfigError(`${kernel}: the input \`${name}\` is missing`);
  if (info.dtype !== 'float32') {
    throw new ValueError(`${kernel}: \`${name}\` must be float32; received ${info.dtype}`);
  }
  return info;
}

function checkShape(
  kernel: string,
  name: string,
  info: tf.TensorInfo,
  expected: readonly number[],
): void {
  const same =
    info.shape.length === expected.length && info.shape.every((d, i) => d === expected[i]);
  if (!same) {
    throw new ShapeError(
      `${kernel}: \`${name}\` has shape [${info.shape}]; expected [${expected.join(', ')}]`,
    );
  }
}

/** Checks layer `index`'s spec; its `dropoutSeed` only when `seeded` (one seed for the call). */
function checkSpec(
  kernel: string,
  spec: DenseChainLayer,
  index: number,
  last: boolean,
  seeded: boolean,
): void {
  const where = `${kernel}: \`layers[${index}]\``;
  const activations = last ? ['linear'] : ['linear', 'relu'];
  if (typeof spec !== 'object' || spec === null || !activations.includes(spec.activation)) {
    throw new ConfigError(
      `${where}.activation must be ${activations.map((a) => `'${a}'`).join(' or ')}; received ${String(spec?.activation)}`,
    );
  }
  if (typeof spec.hasBias !== 'boolean') {
    throw new ConfigError(configMessage(where, 'hasBias', 'a boolean', spec.hasBias));
  }
  if (!(spec.dropoutRate >= 0 && spec.dropoutRate < 1)) {
    throw new ConfigError(
      configMessage(where, 'dropoutRate', 'a number in [0, 1)', spec.dropoutRate),
    );
  }
  if (seeded && !Number.isInteger(spec.dropoutSeed)) {
    throw new ConfigError(configMessage(where, 'dropoutSeed', 'an integer', spec.dropoutSeed));
  }
}

/** The input name of the Adam moment `m` or `v` of the weight input `weight` (`kernel0_m`). */
export function denseChainMomentName(weight: string, moment: 'm' | 'v'): string {
  return `${weight}_${moment}`;
}

/** The weight input `name` and, with Adam, its moments `{name}_m` and `{name}_v` of its shape. */
function weight(
  kernel: string,
  inputs: tf.NamedTensorInfoMap,
  name: string,
  adam: boolean,
  known: Set<string>,
): DenseChainWeight {
  const value = inputs[name] as tf.TensorInfo;
  known.add(name);
  if (!adam) return { name, value, moments: undefined };
  const moments = (['m', 'v'] as const).map((slot) => {
    const slotName = denseChainMomentName(name, slot);
    const info = chainInput(kernel, inputs, slotName);
    checkShape(kernel, slotName, info, value.shape);
    known.add(slotName);
    return info;
  });
  return { name, value, moments: moments as [tf.TensorInfo, tf.TensorInfo] };
}

/** What tells {@link checkDenseChain}'s callers apart. */
export interface DenseChainCheckOptions {
  /** Whether each layer's spec carries the call's one `dropoutSeed`. */
  readonly seeded: boolean;
  /** Whether `adam` carries `alpha` (one step), else each step brings its own. */
  readonly adamAlpha: boolean;
  /** Inputs besides `x`, `labels` and the weights, checked by the caller. */
  readonly extraInputs: readonly string[];
}

/**
 * Checks the chain of a `kernel` call (`DendriteDenseChainGrad` or `DendriteDenseChainSteps`):
 * the layer specs, float32 inputs of chained shapes (`x` `[n, d₀]`, `kernel{i}` `[dᵢ, dᵢ₊₁]`,
 * `bias{i}` `[dᵢ₊₁]` exactly when the layer has one, `labels` `[n, C]`), with `adam` each
 * weight's two moments of its shape, no unknown input and an `epsilon` in [0, 0.5).
 */
export function checkDenseChain(
  kernel: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
  options: DenseChainCheckOptions,
): DenseChain {
  const specs = (attrs as { layers?: unknown } | undefined)?.layers;
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new ConfigError(configMessage(kernel, 'layers', 'a non-empty array', specs));
  }
  const epsilon = (attrs as { epsilon?: unknown }).epsilon as number;
  if (!(epsilon >= 0 && epsilon < 0.5)) {
    throw new ConfigError(configMessage(kernel, 'epsilon', 'a number in [0, 0.5)', epsilon));
  }
  const given = (attrs as { adam?: unknown }).adam;
  const adam =
    given === undefined || given === null
      ? undefined
      : checkAdamAttrs(kernel, given, options.adamAlpha, 'adam.');
  const x = chainInput(kernel, inputs, 'x');
  if (x.shape.length !== 2) {
    throw new ShapeError(
      `${kernel}: \`x\` must have rank 2 ([n, features]); received [${x.shape}]`,
    );
  }
  const known = new Set(['x', 'labels', ...options.extraInputs]);
  const weights: DenseChainWeight[] = [];
  let width = x.shape[1] as number;
  const layers = (specs as DenseChainLayer[]).map((spec, i) => {
    checkSpec(kernel, spec, i, i === specs.length - 1, options.seeded);
    const kernelInput = chainInput(kernel, inputs, `kernel${i}`);
    if (kernelInput.shape.length !== 2) {
      throw new ShapeError(
        `${kernel}: \`kernel${i}\` must have rank 2; received [${kernelInput.shape}]`,
      );
    }
    checkShape(kernel, `kernel${i}`, kernelInput, [width, kernelInput.shape[1] as number]);
    width = kernelInput.shape[1] as number;
    weights.push(weight(kernel, inputs, `kernel${i}`, adam !== undefined, known));
    let bias: tf.TensorInfo | undefined;
    if (spec.hasBias) {
      bias = chainInput(kernel, inputs, `bias${i}`);
      checkShape(kernel, `bias${i}`, bias, [width]);
      weights.push(weight(kernel, inputs, `bias${i}`, adam !== undefined, known));
    }
    return { spec, kernel: kernelInput, bias };
  });
  const labels = chainInput(kernel, inputs, 'labels');
  checkShape(kernel, 'labels', labels, [x.shape[0] as number, width]);
  const unknown = Object.keys(inputs).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${kernel}: unexpected inputs ${unknown.map((n) => `\`${n}\``).join(', ')} for ${layers.length} layers`,
    );
  }
  return { x, labels, epsilon, adam, layers, weights };
}

/** Checks a `DendriteDenseChainGrad` call (see {@link checkDenseChain}). */
export function checkDenseChainGrad(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
): DenseChain {
  return checkDenseChain(GRAD_KERNEL, inputs, attrs, {
    seeded: true,
    adamAlpha: true,
    extraInputs: [],
  });
}
