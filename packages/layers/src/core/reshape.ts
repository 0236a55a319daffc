import * as tf from '@dendrite/tensor';
import { markDerivedData } from '../data-inputs.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, shapeSize, singleShape } from '../shape.js';

/** Config of {@link Reshape}. */
export interface ReshapeArgs extends LayerArgs {
  /** Shape of each sample after reshaping (no batch axis); one entry may be -1 (inferred). */
  readonly targetShape: readonly number[];
}

/**
 * Reshapes each sample to `targetShape`; the batch axis is kept.
 * @example reshape({ targetShape: [-1, 4] }) // [n, 2, 6] → [n, 3, 4]
 */
export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const target = args?.targetShape;
    const ok =
      Array.isArray(target) &&
      target.every((d) => (Number.isInteger(d) && d > 0) || d === -1) &&
      target.filter((d) => d === -1).length <= 1;
    if (!ok) {
      throw new tf.ConfigError(
        tf.configMessage('Reshape', 'targetShape', 'positive integers with at most one -1', target),
      );
    }
    this.targetShape = [...(target as number[])];
  }

  /** The target shape with the -1 resolved for samples of `size` values, or a ShapeError. */
  private resolve(inputShape: Shape, size: number | null): Array<number | null> {
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const unknownAt = this.targetShape.indexOf(-1);
    const fail = () =>
      new tf.ShapeError(
        `${this.name}: cannot reshape samples of shape [${inputShape.slice(1).map((d) => d ?? 'null')}] to [${this.targetShape}]`,
      );
    if (size === null) return this.targetShape.map((d) => (d === -1 ? null : d));
    if (unknownAt < 0) {
      if (known !== size) throw fail();
      return [...this.targetShape];
    }
    if (size % known !== 0) throw fail();
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const target = this.resolve(x.shape, shapeSize(x.shape.slice(1))) as number[];
    const reshaped = tf.reshape(x, [x.shape[0] as number, ...target]);
    markDerivedData(x, reshaped);
    return reshaped;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    return [shape[0] ?? null, ...this.resolve(shape, shapeSize(shape.slice(1)))];
  }

  protected override outputDType(inputDType: tf.DataType): tf.DataType {
    return inputDType;
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

/** Creates a {@link Reshape} layer. @example reshape({ targetShape: [28, 28, 1] }) */
export function reshape(args: ReshapeArgs): Reshape {
  return new Reshape(args);
}
