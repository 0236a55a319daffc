import * as tf from '@dendrite/tensor';
import { Layer, type LayerIO } from '../layer.js';
import { formatShape, isShapeList, type Shape } from '../shape.js';

/** Formats a list of shapes for error messages: `(None, 3), (None, 4)`. */
export function formatShapes(shapes: readonly Shape[]): string {
  return shapes.map((shape) => formatShape(shape)).join(', ');
}

/**
 * The base of layers that combine a list of tensors into one (Keras' `Merge`): it checks that
 * the inputs are a list of the right length with one batch size, then hands the list to
 * {@link mergeFunction}. Subclasses give the output shape rule, which also validates shapes.
 */
export abstract class Merge extends Layer {
  /** The exact number of inputs the layer takes, or `undefined` for one or more. */
  protected readonly inputCount: number | undefined = undefined;

  /** The merged tensor; `inputs` have passed {@link mergedShape}. */
  protected abstract mergeFunction(inputs: tf.Tensor[]): tf.Tensor;

  /** Output shape of compatible `shapes` (batch dimension included); throws a ShapeError otherwise. */
  protected abstract mergedShape(shapes: readonly Shape[]): Shape;

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.computeOutputShape(Array.isArray(inputs) ? list.map((t) => t.shape) : inputs.shape);
    return this.mergeFunction(list);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    if (!isShapeList(inputShape)) {
      throw new tf.ShapeError(
        `${this.name}: a merge layer must be called on a list of inputs; received one input of shape ${formatShape(inputShape as Shape)}`,
      );
    }
    const shapes = inputShape as readonly Shape[];
    if (this.inputCount !== undefined && shapes.length !== this.inputCount) {
      throw new tf.ShapeError(
        `${this.name}: expected exactly ${this.inputCount} inputs; received ${shapes.length} (shapes ${formatShapes(shapes)})`,
      );
    }
    const batches = new Set(
      shapes.map((shape) => shape[0]).filter((dim) => dim !== null && dim !== undefined),
    );
    if (batches.size > 1) {
      throw new tf.ShapeError(
        `${this.name}: cannot merge tensors with different batch sizes; received shapes ${formatShapes(shapes)}`,
      );
    }
    return this.mergedShape(shapes);
  }
}
