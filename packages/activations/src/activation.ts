import * as tf from '@dendrite/tensor';

/** A named activation function that can be stored in a layer config. */
export interface Activation {
  /** The TF.js name stored in layer configs, e.g. `'relu'`. */
  readonly name: string;
  /** Applies the function; intermediate tensors are freed. */
  apply(x: tf.Tensor): tf.Tensor;
  /** The TF.js class name (the same as {@link Activation.name} for built-ins). */
  getClassName(): string;
  /** The options of the function, e.g. `{alpha: 0.2}` for `leakyRelu`; `{}` when it has none. */
  getConfig(): tf.ConfigDict;
}

/** A plain activation function on tensors. */
export type ActivationFunction = (x: tf.Tensor) => tf.Tensor;

/**
 * Wraps a plain function as an {@link Activation}. Used for the built-ins and for user
 * functions passed to `get`.
 * @example
 * const square = new FunctionActivation('square', (x) => tf.square(x));
 * square.apply(tf.tensor([2])); // [4]
 */
export class FunctionActivation implements Activation {
  private readonly config: tf.ConfigDict;

  /**
   * @param name - The name `serialize` returns.
   * @param fn - The math.
   * @param config - The options `getConfig` returns. @defaultValue `{}`
   */
  constructor(
    readonly name: string,
    private readonly fn: ActivationFunction,
    config: tf.ConfigDict = {},
  ) {
    this.config = Object.freeze({ ...config });
  }

  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.fn(x));
  }

  getClassName(): string {
    return this.name;
  }

  getConfig(): tf.ConfigDict {
    return { ...this.config };
  }
}

/** True for an object with the {@link Activation} shape. */
export function isActivation(value: unknown): value is Activation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Activation).name === 'string' &&
    typeof (value as Activation).apply === 'function' &&
    typeof (value as Activation).getClassName === 'function' &&
    typeof (value as Activation).getConfig === 'function'
  );
}
