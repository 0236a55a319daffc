import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';

/** Config of {@link Permute}. */
export interface PermuteArgs extends LayerArgs {
  /** New order of the sample axes, 1-based as in Keras: `[2, 1]` swaps the two axes after the batch. */
  readonly dims: readonly number[];
}

/**
 * Reorders the axes of each sample; the batch axis stays first.
 * @example permute({ dims: [2, 1] }) // [n, 10, 64] → [n, 64, 10]
 */
export class Permute extends Layer {
  static override readonly className = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args?.dims;
    const ok =
      Array.isArray(dims) &&
      dims.length > 0 &&
      [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);
    if (!ok) {
      throw new tf.ConfigError(
        tf.configMessage(
          'Permute',
          'dims',
          'a permutation of 1, 2, ..., n (1-based, the batch axis excluded)',
          dims,
        ),
      );
    }
    this.dims = [...(dims as number[])];
  }

  private checkRank(shape: Shape): void {
    if (shape.length !== this.dims.length + 1) {
      throw new tf.ShapeError(
        `${this.name}: dims [${this.dims}] expect inputs of rank ${this.dims.length + 1}; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    this.checkRank(x.shape);
    return tf.transpose(x, [0, ...this.dims]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    this.checkRank(shape);
    return [shape[0] ?? null, ...this.dims.map((d) => shape[d] ?? null)];
  }

  protected override outputDType(inputDType: tf.DataType): tf.DataType {
    return inputDType;
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}

/** Creates a {@link Permute} layer. @example permute({ dims: [2, 1] }) */
export function permute(args: PermuteArgs): Permute {
  return new Permute(args);
}
