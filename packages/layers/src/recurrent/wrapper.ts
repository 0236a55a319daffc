import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';

/** Config shared by layer wrappers. */
export interface WrapperArgs extends LayerArgs {
  /** The wrapped layer, or its `{className, config}` as saved configs store it. */
  readonly layer: Layer | tf.SerializedObject;
}

/**
 * A layer that owns other layers (Keras' `Wrapper`): its weights, trainability, penalties,
 * constraints and disposal are those of the layers inside, in order.
 */
export abstract class Wrapper extends Layer {
  /** The layers whose weights this wrapper owns, in weight order. */
  protected abstract innerLayers(): Layer[];

  override get trainable(): boolean {
    return super.trainable;
  }

  override set trainable(value: boolean) {
    super.trainable = value;
    for (const layer of this.innerLayers()) layer.trainable = value;
  }

  override get weights(): LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  override get trainableWeights(): LayerVariable[] {
    return this.innerLayers().flatMap((layer) => layer.trainableWeights);
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.innerLayers().flatMap((layer) => layer.nonTrainableWeights);
  }

  override regularizationLoss(): tf.Scalar | null {
    const losses = this.innerLayers()
      .map((layer) => layer.regularizationLoss())
      .filter((loss): loss is tf.Scalar => loss !== null);
    if (losses.length === 0) return null;
    if (losses.length === 1) return losses[0] as tf.Scalar;
    const total = tf.addN(losses) as tf.Scalar;
    tf.dispose(losses);
    return total;
  }

  override applyConstraints(): void {
    for (const layer of this.innerLayers()) layer.applyConstraints();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    super.dispose();
    for (const layer of this.innerLayers()) layer.dispose();
  }
}
