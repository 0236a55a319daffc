import * as tf from '@dendrite/tensor';
import type { Layer, LayerIO } from '../layer.js';
import { formatShape, isShapeList, type Shape } from '../shape.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { layerConfigValue, resolveWrappedLayer } from './wrapped-layer.js';
import { Wrapper, type WrapperArgs } from './wrapper.js';

/** Config of {@link TimeDistributed}. */
export type TimeDistributedArgs = WrapperArgs;

/**
 * Applies `layer` to every time step of `[batch, time, ...]` inputs with the same weights: the
 * batch and time axes are folded into one, the layer runs once, and the result is unfolded.
 * The wrapper owns `layer` (disposing the wrapper disposes it).
 * @example const layer = timeDistributed({ layer: dense({ units: 8 }) });
 */
export class TimeDistributed extends Wrapper {
  static override readonly className = 'TimeDistributed';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    this.layer = resolveWrappedLayer('TimeDistributed', args?.layer);
  }

  protected innerLayers(): Layer[] {
    return [this.layer];
  }

  private stepShape(inputShape: Shape | Shape[]): { shape: Shape; inner: Shape } {
    const shape = isShapeList(inputShape) ? (inputShape[0] as Shape) : (inputShape as Shape);
    if (shape.length < 3) {
      throw new tf.ShapeError(
        `${this.name}: expected inputs of rank 3 or more (batch, time, ...); received shape ${formatShape(shape)}`,
      );
    }
    return { shape, inner: [shape[0] ?? null, ...shape.slice(2)] };
  }

  override build(inputShape: Shape | Shape[]): void {
    this.layer.ensureBuilt(this.stepShape(inputShape).inner);
    this.built = true;
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    this.stepShape(x.shape);
    const [batch, steps] = x.shape as [number, number];
    const folded = tf.reshape(x, [batch * steps, ...x.shape.slice(2)]);
    const y = this.layer.apply(folded, args) as LayerIO;
    if (!(y instanceof tf.Tensor)) {
      throw new tf.ShapeError(
        `${this.name}: the wrapped layer must return one tensor; received ${y.length}`,
      );
    }
    return tf.reshape(y, [batch, steps, ...y.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const { shape, inner } = this.stepShape(inputShape);
    const out = this.layer.computeOutputShape(inner);
    if (isShapeList(out))
      throw new tf.ShapeError(`${this.name}: the wrapped layer must have one output`);
    return [shape[0] ?? null, shape[1] ?? null, ...(out as Shape).slice(1)];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), layer: layerConfigValue(this.layer) };
  }
}

/** Creates a {@link TimeDistributed} wrapper. @example timeDistributed({ layer: dense({ units: 4 }) }) */
export function timeDistributed(args: TimeDistributedArgs): TimeDistributed {
  return new TimeDistributed(args);
}
