import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { checkPositiveInteger } from '../positive-integer.js';
import { type Shape, singleShape } from '../shape.js';

/** Config of {@link RepeatVector}. */
export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat; a positive integer. */
  readonly n: number;
}

/**
 * Repeats each sample vector `n` times: `[batch, features] → [batch, n, features]`.
 * @example repeatVector({ n: 3 }) // [n, 32] → [n, 3, 32]
 */
export class RepeatVector extends Layer {
  static override readonly className = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    this.n = checkPositiveInteger('RepeatVector', 'n', args?.n);
  }

  private checkRank(shape: Shape): void {
    if (shape.length !== 2) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of rank 2 [batch, features]; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    this.checkRank(x.shape);
    return tf.tile(tf.expandDims(x, 1), [1, this.n, 1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    this.checkRank(shape);
    return [shape[0] ?? null, this.n, shape[1] ?? null];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), n: this.n };
  }
}

/** Creates a {@link RepeatVector} layer. @example repeatVector({ n: 4 }) */
export function repeatVector(args: RepeatVectorArgs): RepeatVector {
  return new RepeatVector(args);
}
