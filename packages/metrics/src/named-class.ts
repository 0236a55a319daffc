import type * as tf from '@dendrite/tensor';

/** A class made by {@link namedMetricClass}: `new`, `instanceof`, `className`, `fromConfig`. */
export interface NamedMetricClass<C, T> {
  new (config?: C): T;
  readonly className: string;
  fromConfig(config: tf.ConfigDict): T;
}

/**
 * A subclass of `base` registered as `className` whose constructor passes `args` and then the
 * config to `base` (e.g. the log name and confusion cell of `TruePositives`).
 */
export function namedMetricClass<C, T>(
  // biome-ignore lint/suspicious/noExplicitAny: a mixin base must take any constructor arguments.
  base: abstract new (...args: any[]) => T,
  className: string,
  ...args: unknown[]
): NamedMetricClass<C, T> {
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const Base = base as unknown as new (...args: any[]) => object;
  class Named extends Base {
    static readonly className = className;
    constructor(config?: C) {
      super(...args, config ?? {});
    }
    static fromConfig(config: tf.ConfigDict): Named {
      return new Named(config as C);
    }
  }
  // Stack traces and `constructor.name` show the Keras name rather than the factory's.
  Object.defineProperty(Named, 'name', { value: className });
  return Named as unknown as NamedMetricClass<C, T>;
}
