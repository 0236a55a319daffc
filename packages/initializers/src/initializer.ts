import * as tf from '@dendrite/tensor';

/** Makes the initial value of a weight. */
export interface Initializer extends tf.Serializable {
  /** A new tensor of `shape` and `dtype`; the caller owns it. */
  apply(shape: readonly number[], dtype?: tf.DataType): tf.Tensor;
}

/**
 * Shared base: validates the shape, runs {@link BaseInitializer.generate} in `tidy`.
 * Subclasses implement only the math, `getClassName` and `getConfig`.
 */
export abstract class BaseInitializer implements Initializer {
  abstract getClassName(): string;
  abstract getConfig(): tf.ConfigDict;

  /**
   * @param shape - Non-negative integer dimensions.
   * @param dtype - @defaultValue 'float32'
   */
  apply(shape: readonly number[], dtype: tf.DataType = 'float32'): tf.Tensor {
    const owner = this.getClassName();
    if (
      !Array.isArray(shape) ||
      !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)
    ) {
      throw new tf.ShapeError(
        tf.configMessage(owner, 'shape', 'an array of non-negative integers', shape),
      );
    }
    return tf.tidy(() => this.generate([...shape], dtype));
  }

  /** The math: called inside `tidy` with a validated shape. */
  protected abstract generate(shape: number[], dtype: tf.DataType): tf.Tensor;
}

/** A {@link BaseInitializer} without options (`Zeros`, `Ones`): the config is `{}`. */
export abstract class OptionlessInitializer extends BaseInitializer {
  /** The Keras class name, e.g. `'Zeros'`. */
  static readonly className: string;

  getClassName(): string {
    return (this.constructor as typeof OptionlessInitializer).className;
  }

  getConfig(): tf.ConfigDict {
    return {};
  }

  /** An instance of the class it is called on; any config key is refused. */
  static fromConfig(config: tf.ConfigDict): OptionlessInitializer {
    const cls = this as unknown as (new () => OptionlessInitializer) & { className: string };
    checkKeys(cls.className, config, []);
    return new cls();
  }
}

/** True for an object with the {@link Initializer} shape. */
export function isInitializer(value: unknown): value is Initializer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Initializer).apply === 'function' &&
    typeof (value as Initializer).getClassName === 'function' &&
    typeof (value as Initializer).getConfig === 'function'
  );
}

/** Validates an optional seed: `undefined`/`null` (draw one per call) or an integer >= 0. */
export function checkSeed(owner: string, seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  return tf.checkNumber(owner, 'seed', seed, { integer: true, min: 0 });
}

/** Throws unless `dtype` is 'float32' (random draws are float only, as in TF.js). */
export function checkFloatDtype(owner: string, dtype: tf.DataType): void {
  if (dtype !== 'float32') {
    throw new tf.ConfigError(tf.configMessage(owner, 'dtype', "'float32'", dtype));
  }
}

/** Throws unless every key of `config` is in `allowed` (catches misspelled options). */
export function checkKeys(owner: string, config: object, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (!allowed.includes(key)) {
      const expected = allowed.length ? `one of ${allowed.join(', ')}` : 'absent (no options)';
      throw new tf.ConfigError(tf.configMessage(owner, 'config key', expected, key));
    }
  }
}
