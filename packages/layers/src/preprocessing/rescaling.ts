import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link Rescaling}. */
export interface RescalingArgs extends LayerArgs {
  /** Multiplies the inputs: a number, or one per channel (last axis). */
  readonly scale: number | readonly number[];
  /** Added after scaling: a number, or one per channel (last axis). @defaultValue 0 */
  readonly offset?: number | readonly number[];
}

/** Defaults of {@link RescalingArgs} (Keras 3). */
export const RESCALING_DEFAULTS = Object.freeze({ offset: 0 });

function checkFactor(argument: string, value: unknown): number | number[] {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    return [...(value as number[])];
  }
  throw new tf.ConfigError(
    tf.configMessage('Rescaling', argument, 'a finite number or a non-empty list of them', value),
  );
}

/**
 * Keras' preprocessing layer `inputs · scale + offset`, the same in training and inference,
 * e.g. `scale: 1 / 255` for pixels in [0, 1], or `scale: 1 / 127.5, offset: -1` for [-1, 1].
 * Integer inputs are cast to the layer's dtype first.
 * @example rescaling({ scale: 1 / 255 })
 */
export class Rescaling extends Layer {
  static override readonly className = 'Rescaling';
  readonly scale: number | readonly number[];
  readonly offset: number | readonly number[];

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = checkFactor('scale', args?.scale);
    this.offset = checkFactor('offset', args.offset ?? RESCALING_DEFAULTS.offset);
  }

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, this.dtype);
    return tf.add(tf.mul(x, this.factor(x, this.scale)), this.factor(x, this.offset));
  }

  private factor(x: tf.Tensor, value: number | readonly number[]): tf.Tensor | number {
    if (typeof value === 'number') return value;
    const channels = x.shape[x.rank - 1];
    if (value.length !== 1 && value.length !== channels) {
      throw new tf.ShapeError(
        `${this.name}: ${value.length} scale/offset values do not match ${channels} channels (last axis of [${x.shape}])`,
      );
    }
    return tf.tensor1d([...value], this.dtype);
  }

  override getConfig(): tf.ConfigDict {
    const copy = (v: number | readonly number[]) => (typeof v === 'number' ? v : [...v]);
    return { ...super.getConfig(), scale: copy(this.scale), offset: copy(this.offset) };
  }
}

/** Creates a {@link Rescaling} layer. @example rescaling({ scale: 1 / 127.5, offset: -1 }) */
export function rescaling(args: RescalingArgs): Rescaling {
  return new Rescaling(args);
}
