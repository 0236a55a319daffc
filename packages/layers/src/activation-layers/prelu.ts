import * as tf from '@dendrite/tensor';
import { type WeightArgs, WeightSettings } from '../convolutional/weight-config.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { type Shape, singleShape } from '../shape.js';

/**
 * Config of {@link PReLU}; its weight `alpha` (the initial slopes, initializer default 'zeros')
 * takes an initializer, a regularizer and a constraint ({@link WeightArgs}; no regularizer or
 * constraint by default).
 */
export interface PReLUArgs extends LayerArgs, WeightArgs<'alpha'> {
  /** Axes (1-based, batch excluded) sharing one slope, e.g. `[1, 2]` for one slope per image channel. @defaultValue none */
  readonly sharedAxes?: number | readonly number[] | null;
}

/** Defaults of {@link PReLUArgs}. */
export const PRELU_DEFAULTS = Object.freeze({ alphaInitializer: 'zeros', sharedAxes: null });

function checkSharedAxes(value: unknown): number[] | null {
  if (value === null || value === undefined) return null;
  const list = typeof value === 'number' ? [value] : value;
  if (Array.isArray(list) && list.every((v) => Number.isInteger(v) && v >= 1)) return [...list];
  throw new tf.ConfigError(
    tf.configMessage('PReLU', 'sharedAxes', 'a positive integer or an array of them', value),
  );
}

/**
 * Parametric rectifier with a learned slope per input entry: `x` for `x >= 0`, `alpha * x`
 * below (He et al., 2015, "Delving Deep into Rectifiers").
 * @example pReLU({ sharedAxes: [1, 2] }) // one slope per channel of [n, h, w, c] images
 */
export class PReLU extends Layer {
  static override readonly className = 'PReLU';
  readonly sharedAxes: number[] | null;
  private readonly alphaSettings: WeightSettings;
  alpha: LayerVariable | undefined;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.sharedAxes = checkSharedAxes(args.sharedAxes ?? PRELU_DEFAULTS.sharedAxes);
    this.alphaSettings = new WeightSettings(args, 'alpha', PRELU_DEFAULTS.alphaInitializer);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    const shared = this.sharedAxes ?? [];
    for (const axis of shared) {
      if (axis >= shape.length) {
        throw new tf.ShapeError(
          `${this.name}: shared axis ${axis} is out of range for inputs of shape [${shape.map((d) => d ?? 'null')}]`,
        );
      }
    }
    const paramShape = shape.slice(1).map((dim, i) => {
      if (shared.includes(i + 1)) return 1;
      if (dim === null) {
        throw new tf.ShapeError(
          `${this.name}: axis ${i + 1} must be known or shared; received shape [${shape.map((d) => d ?? 'null')}]`,
        );
      }
      return dim;
    });
    this.alpha = this.addWeight('alpha', paramShape, this.alphaSettings.addWeightOptions());
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const alpha = (this.alpha as LayerVariable).read();
    const fits =
      x.rank === alpha.rank + 1 &&
      alpha.shape.every((dim, i) => dim === 1 || dim === x.shape[i + 1]);
    if (!fits) {
      throw new tf.ShapeError(
        `${this.name}: inputs of shape [${x.shape}] do not fit slopes of shape [${alpha.shape}]`,
      );
    }
    // Keras' form relu(x) - alpha * relu(-x): plain ops whose gradients every backend has.
    return tf.sub(tf.relu(x), tf.mul(alpha, tf.relu(tf.neg(x))));
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      ...this.alphaSettings.config(),
      sharedAxes: this.sharedAxes ? [...this.sharedAxes] : null,
    };
  }
}

/** Creates a {@link PReLU} layer. @example pReLU() // slopes start at 0 */
export function pReLU(args: PReLUArgs = {}): PReLU {
  return new PReLU(args);
}

/** TF.js Layers' name of {@link pReLU}. @example prelu({ sharedAxes: 1 }) */
export const prelu = pReLU;
