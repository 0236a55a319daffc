import { Pooling, type PoolingArgs } from './base-pooling.js';

/**
 * Average over windows of a sequence `[batch, steps, channels]`.
 * @example averagePooling1d({ poolSize: 2 }) // [n, 10, c] → [n, 5, c]
 */
export class AveragePooling1D extends Pooling {
  static override readonly className = 'AveragePooling1D';

  constructor(args: PoolingArgs = {}) {
    super(1, 'avg', args);
  }
}

/**
 * Average over windows of an image `[batch, height, width, channels]`.
 * @example averagePooling2d({ poolSize: [2, 2] }) // [n, 28, 28, c] → [n, 14, 14, c]
 */
export class AveragePooling2D extends Pooling {
  static override readonly className = 'AveragePooling2D';

  constructor(args: PoolingArgs = {}) {
    super(2, 'avg', args);
  }
}

/** Creates an {@link AveragePooling1D} layer. @example averagePooling1d({ poolSize: 3, strides: 1 }) */
export function averagePooling1d(args: PoolingArgs = {}): AveragePooling1D {
  return new AveragePooling1D(args);
}

/** Creates an {@link AveragePooling2D} layer. @example averagePooling2d({ poolSize: 2 }) */
export function averagePooling2d(args: PoolingArgs = {}): AveragePooling2D {
  return new AveragePooling2D(args);
}
