import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { LayerVariable } from '../layer-variable.js';
import { type Shape, singleShape } from '../shape.js';

/** Config of {@link Normalization}. */
export interface NormalizationArgs extends LayerArgs {
  /** Axis or axes that keep their own mean and variance (the features). @defaultValue -1 */
  readonly axis?: number | readonly number[] | null;
  /** Fixed mean (a number, or one per feature); given with `variance`, no weights are made. @defaultValue null */
  readonly mean?: number | readonly number[] | null;
  /** Fixed variance, as `mean`. @defaultValue null */
  readonly variance?: number | readonly number[] | null;
  /** Undo the normalization instead: `mean + x · sqrt(variance)`. @defaultValue false */
  readonly invert?: boolean;
}

const owner = 'Normalization';
/** Keras' backend epsilon: the smallest standard deviation divided by. */
const EPSILON = 1e-7;

function checkAxes(value: unknown): number[] {
  if (value === null) return [];
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list) || !list.every((a) => Number.isInteger(a))) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'axis', 'an integer, a list of integers, or null', value),
    );
  }
  return [...(list as number[])];
}

function checkStatistic(argument: string, value: unknown): number | number[] | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => Number.isFinite(v))) {
    return [...(value as number[])];
  }
  throw new tf.ConfigError(
    tf.configMessage(owner, argument, 'a finite number, a list of them, or null', value),
  );
}

/**
 * Keras' feature normalization, `(x - mean) / max(sqrt(variance), 1e-7)` per feature (the
 * axes in `axis`), with the statistics given in the config or learned by {@link adapt} and
 * stored as non-trainable weights `mean`, `variance` and `count` (Keras' order). The same in
 * training and inference.
 * @example const norm = normalization(); norm.adapt(trainX); // then use it as a first layer
 */
export class Normalization extends Layer {
  static override readonly className = 'Normalization';
  readonly axis: readonly number[];
  readonly invert: boolean;
  private readonly fixedMean: number | number[] | null;
  private readonly fixedVariance: number | number[] | null;
  mean: LayerVariable | undefined;
  variance: LayerVariable | undefined;
  count: LayerVariable | undefined;
  private keptAxes: number[] = [];

  constructor(args: NormalizationArgs = {}) {
    super(args);
    this.axis = checkAxes(args.axis === undefined ? -1 : args.axis);
    this.fixedMean = checkStatistic('mean', args.mean);
    this.fixedVariance = checkStatistic('variance', args.variance);
    if ((this.fixedMean === null) !== (this.fixedVariance === null)) {
      throw new tf.ConfigError(`${owner}: \`mean\` and \`variance\` must be given together`);
    }
    this.invert = args.invert ?? false;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    this.keptAxes = this.axis.map((axis) => (axis < 0 ? shape.length + axis : axis));
    for (const axis of this.keptAxes) {
      if (axis < 1 || axis >= shape.length || shape[axis] === null) {
        throw new tf.ShapeError(
          `${this.name}: \`axis\` [${this.axis}] must name known, non-batch axes of the input; received shape [${shape.map((d) => d ?? 'null')}]`,
        );
      }
    }
    if (this.fixedMean === null) {
      const sizes = this.keptAxes.map((axis) => shape[axis] as number);
      this.mean = this.addWeight('mean', sizes, { initializer: 'zeros', trainable: false });
      this.variance = this.addWeight('variance', sizes, { initializer: 'ones', trainable: false });
      this.count = this.addWeight('count', [], { initializer: 'zeros', trainable: false });
    }
    this.built = true;
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, this.dtype);
    const [mean, variance] = this.statistics(x);
    const deviation = tf.maximum(tf.sqrt(variance), EPSILON);
    return this.invert ? tf.add(mean, tf.mul(x, deviation)) : tf.div(tf.sub(x, mean), deviation);
  }

  private statistics(x: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const target = new Array<number>(x.rank).fill(1);
    for (const axis of this.keptAxes) target[axis] = x.shape[axis] as number;
    const shaped = (value: tf.Tensor | number | number[]) =>
      typeof value === 'number'
        ? tf.scalar(value)
        : tf.reshape(value instanceof tf.Tensor ? value : tf.tensor(value), target);
    if (this.mean && this.variance) {
      return [shaped(this.mean.read()), shaped(this.variance.read())];
    }
    return [
      shaped(this.fixedMean as number | number[]),
      shaped(this.fixedVariance as number | number[]),
    ];
  }

  /**
   * Learns the mean and (biased) variance of `data` per feature, as Keras' `adapt` does for
   * data in memory, and stores them with the sample count. Builds the layer if needed.
   */
  adapt(data: tf.Tensor): void {
    this.assertAlive();
    if (this.fixedMean !== null) {
      throw new tf.ConfigError(
        `${this.name}: adapt() needs a layer without a fixed \`mean\` and \`variance\``,
      );
    }
    this.ensureBuilt(data.shape);
    tf.tidy(() => {
      const x = tf.cast(data, 'float32');
      const reduced = Array.from({ length: x.rank }, (_, i) => i).filter(
        (axis) => !this.keptAxes.includes(axis),
      );
      const { mean, variance } = tf.moments(x, reduced);
      const count = reduced.reduce((n, axis) => n * (x.shape[axis] as number), 1);
      (this.mean as LayerVariable).write(tf.reshape(mean, (this.mean as LayerVariable).shape));
      (this.variance as LayerVariable).write(
        tf.reshape(variance, (this.variance as LayerVariable).shape),
      );
      (this.count as LayerVariable).write(tf.scalar(count));
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): tf.ConfigDict {
    const copy = (v: number | number[] | null) => (Array.isArray(v) ? [...v] : v);
    return {
      ...super.getConfig(),
      axis: [...this.axis],
      mean: copy(this.fixedMean),
      variance: copy(this.fixedVariance),
      invert: this.invert,
    };
  }
}

/** Creates a {@link Normalization} layer. @example normalization({ mean: 3, variance: 4 }) */
export function normalization(args: NormalizationArgs = {}): Normalization {
  return new Normalization(args);
}
