import * as tf from '@dendrite/tensor';
import { checkDataFormat, checkRank, type DataFormat } from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import type { PoolingMode } from './base-pooling.js';

/** Config of the global pooling layers. */
export interface GlobalPoolingArgs extends LayerArgs {
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
  /** Keep the reduced spatial axes with length 1; spelled as Keras spells it, so a Keras config (`keepdims`) reads as is. @defaultValue false */
  readonly keepdims?: boolean;
}

/** Mean or maximum over every spatial axis: `[batch, ...spatial, channels] → [batch, channels]`. */
export abstract class GlobalPooling extends Layer {
  readonly rank: number;
  readonly mode: PoolingMode;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(rank: number, mode: PoolingMode, args: GlobalPoolingArgs = {}) {
    super(args);
    this.rank = rank;
    this.mode = mode;
    this.dataFormat = checkDataFormat(this.getClassName(), args.dataFormat);
    this.keepdims = args.keepdims ?? false;
  }

  private spatialAxes(): number[] {
    const first = this.dataFormat === 'channelsFirst' ? 2 : 1;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkRank(this.name, x.shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    const reduce = this.mode === 'max' ? tf.max : tf.mean;
    return reduce(x, this.spatialAxes(), this.keepdims);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkRank(this.name, shape, this.rank + 2, `inputs of rank ${this.rank + 2}`);
    const axes = this.spatialAxes();
    if (this.keepdims) return shape.map((d, i) => (axes.includes(i) ? 1 : d));
    return shape.filter((_, i) => !axes.includes(i));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), dataFormat: this.dataFormat, keepdims: this.keepdims };
  }
}

/**
 * Mean over steps: `[batch, steps, channels] → [batch, channels]`. With a Keras mask
 * (`[batch, steps]`, e.g. from `Embedding({maskZero: true})`) it averages the unmasked steps
 * only, as Keras does, and the mask stops here; a sequence with every step masked gives 0
 * (Keras: NaN).
 * @example globalAveragePooling1d()
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static override readonly className = 'GlobalAveragePooling1D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(1, 'avg', args);
  }

  override call(inputs: LayerIO, args: CallArgs = {}): tf.Tensor {
    const given = Array.isArray(args.mask) ? args.mask[0] : args.mask;
    if (!(given instanceof tf.Tensor)) return super.call(inputs);
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkRank(this.name, x.shape, 3, 'inputs of rank 3');
    const stepsAxis = this.dataFormat === 'channelsFirst' ? 2 : 1;
    if (!tf.util.arraysEqual(given.shape, [x.shape[0] as number, x.shape[stepsAxis] as number])) {
      throw new tf.ShapeError(
        `${this.name}: the mask must have shape [${x.shape[0]}, ${x.shape[stepsAxis]}] (batch, steps); received [${given.shape}]`,
      );
    }
    const weights = tf.expandDims(tf.cast(given, x.dtype), stepsAxis === 1 ? 2 : 1);
    const total = tf.sum(tf.mul(x, weights), stepsAxis, this.keepdims);
    const count = tf.maximum(tf.sum(weights, stepsAxis, this.keepdims), 1);
    return tf.div(total, count);
  }

  /** Keras: the mask is consumed here. */
  override computeMask(_inputs?: LayerIO, _mask?: tf.Tensor | null): tf.Tensor | null {
    return null;
  }
}

/** Mean over height and width: `[batch, h, w, channels] → [batch, channels]`. @example globalAveragePooling2d() */
export class GlobalAveragePooling2D extends GlobalPooling {
  static override readonly className = 'GlobalAveragePooling2D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(2, 'avg', args);
  }
}

/** Maximum over steps: `[batch, steps, channels] → [batch, channels]`. @example globalMaxPooling1d() */
export class GlobalMaxPooling1D extends GlobalPooling {
  static override readonly className = 'GlobalMaxPooling1D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(1, 'max', args);
  }
}

/** Maximum over height and width: `[batch, h, w, channels] → [batch, channels]`. @example globalMaxPooling2d() */
export class GlobalMaxPooling2D extends GlobalPooling {
  static override readonly className = 'GlobalMaxPooling2D';
  constructor(args: GlobalPoolingArgs = {}) {
    super(2, 'max', args);
  }
}

/** Creates a {@link GlobalAveragePooling1D} layer. */
export function globalAveragePooling1d(args: GlobalPoolingArgs = {}): GlobalAveragePooling1D {
  return new GlobalAveragePooling1D(args);
}

/** Creates a {@link GlobalAveragePooling2D} layer. @example globalAveragePooling2d({ keepdims: true }) */
export function globalAveragePooling2d(args: GlobalPoolingArgs = {}): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(args);
}

/** Creates a {@link GlobalMaxPooling1D} layer. */
export function globalMaxPooling1d(args: GlobalPoolingArgs = {}): GlobalMaxPooling1D {
  return new GlobalMaxPooling1D(args);
}

/** Creates a {@link GlobalMaxPooling2D} layer. */
export function globalMaxPooling2d(args: GlobalPoolingArgs = {}): GlobalMaxPooling2D {
  return new GlobalMaxPooling2D(args);
}
