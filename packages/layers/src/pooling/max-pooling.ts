import { Pooling, type PoolingArgs } from './base-pooling.js';

/**
 * Maximum over windows of a sequence `[batch, steps, channels]`.
 * @example maxPooling1d({ poolSize: 2 }) // [n, 10, c] → [n, 5, c]
 */
export class MaxPooling1D extends Pooling {
  static override readonly className = 'MaxPooling1D';

  constructor(args: PoolingArgs = {}) {
    super(1, 'max', args);
  }
}

/**
 * Maximum over windows of an image `[batch, height, width, channels]`.
 * @example maxPooling2d({ poolSize: [2, 2] }) // [n, 28, 28, c] → [n, 14, 14, c]
 */
export class MaxPooling2D extends Pooling {
  static override readonly className = 'MaxPooling2D';

  constructor(args: PoolingArgs = {}) {
    super(2, 'max', args);
  }
}

/** Creates a {@link MaxPooling1D} layer. @example maxPooling1d({ poolSize: 3, strides: 1 }) */
export function maxPooling1d(args: PoolingArgs = {}): MaxPooling1D {
  return new MaxPooling1D(args);
}

/** Creates a {@link MaxPooling2D} layer. @example maxPooling2d({ poolSize: 2 }) */
export function maxPooling2d(args: PoolingArgs = {}): MaxPooling2D {
  return new MaxPooling2D(args);
}
