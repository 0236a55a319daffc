import * as tf from '@dendrite/tensor';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { checkSeed, NoiseSource } from '../noise/random-draws.js';
import type { CallArgs } from '../symbolic-tensor.js';
import {
  affineTransform,
  type FillMode,
  rotationTransform,
  type TransformInterpolation,
} from './affine-transform.js';
import { asImageBatch } from './image-inputs.js';

/** Config of {@link RandomRotation}. */
export interface RandomRotationArgs extends LayerArgs {
  /**
   * Rotation range as a fraction of a full turn (2π): `f` means [-f, f], `[lower, upper]` a
   * range; positive angles turn counter-clockwise.
   */
  readonly factor: number | readonly [number, number];
  /** @defaultValue 'reflect' */
  readonly fillMode?: FillMode;
  /** @defaultValue 'bilinear' */
  readonly interpolation?: TransformInterpolation;
  /** Seed of the angles. @defaultValue from the global seed stream */
  readonly seed?: number | null;
  /** Fills outside points when `fillMode` is `'constant'`. @defaultValue 0 */
  readonly fillValue?: number;
  /** Range of the input values, kept for Keras configs. @defaultValue [0, 255] */
  readonly valueRange?: readonly [number, number];
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link RandomRotationArgs} (Keras 3). */
export const RANDOM_ROTATION_DEFAULTS = Object.freeze({
  fillMode: 'reflect' as FillMode,
  interpolation: 'bilinear' as TransformInterpolation,
  fillValue: 0,
  valueRange: [0, 255] as const,
});

const owner = 'RandomRotation';

function checkPair(argument: string, value: unknown, allowNumber: boolean): [number, number] {
  if (allowNumber && typeof value === 'number' && Number.isFinite(value)) {
    return [-Math.abs(value), Math.abs(value)];
  }
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    (value[0] as number) <= (value[1] as number);
  if (!ok) {
    const expected = `${allowNumber ? 'a finite number or ' : ''}a pair [lower, upper] with lower <= upper`;
    throw new tf.ConfigError(tf.configMessage(owner, argument, expected, value));
  }
  return [value[0] as number, value[1] as number];
}

/**
 * Keras' augmentation layer that rotates each image by its own random angle, drawn uniformly
 * from `factor · 2π`, in training (TensorFlow's fill modes and interpolation), and is the
 * identity in inference.
 * @example randomRotation({ factor: 0.1, seed: 1 }) // up to ±36°
 */
export class RandomRotation extends Layer {
  static override readonly className = 'RandomRotation';
  readonly factor: number | readonly [number, number];
  readonly fillMode: FillMode;
  readonly interpolation: TransformInterpolation;
  readonly seed: number | undefined;
  readonly fillValue: number;
  readonly valueRange: readonly [number, number];
  readonly dataFormat: DataFormat;
  private readonly range: [number, number];
  private readonly noise: NoiseSource;

  constructor(args: RandomRotationArgs) {
    super(args);
    this.range = checkPair('factor', args?.factor, true);
    this.factor = typeof args.factor === 'number' ? args.factor : [...this.range];
    this.fillMode = tf.checkChoice(
      owner,
      'fillMode',
      args.fillMode ?? RANDOM_ROTATION_DEFAULTS.fillMode,
      ['reflect', 'wrap', 'constant', 'nearest'],
    );
    this.interpolation = tf.checkChoice(
      owner,
      'interpolation',
      args.interpolation ?? RANDOM_ROTATION_DEFAULTS.interpolation,
      ['bilinear', 'nearest'],
    );
    this.seed = checkSeed(owner, args.seed);
    this.noise = new NoiseSource(this.seed);
    this.fillValue = tf.checkNumber(
      owner,
      'fillValue',
      args.fillValue ?? RANDOM_ROTATION_DEFAULTS.fillValue,
    );
    this.valueRange = checkPair(
      'valueRange',
      args.valueRange ?? RANDOM_ROTATION_DEFAULTS.valueRange,
      false,
    );
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, this.dtype);
    if (args.training !== true) return tf.clone(x);
    return asImageBatch(this.name, x, this.dataFormat, (images) => {
      const [batch, height, width] = images.shape;
      const rng = this.noise.generator();
      const [lower, upper] = this.range;
      const transforms = Array.from({ length: batch }, () => {
        const angle = (lower + (upper - lower) * rng.next()) * 2 * Math.PI;
        return rotationTransform(angle, height, width);
      });
      return affineTransform(images, transforms, {
        fillMode: this.fillMode,
        interpolation: this.interpolation,
        fillValue: this.fillValue,
      });
    });
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      factor: typeof this.factor === 'number' ? this.factor : [...this.factor],
      fillMode: this.fillMode,
      interpolation: this.interpolation,
      seed: this.seed ?? null,
      fillValue: this.fillValue,
      valueRange: [...this.valueRange],
      dataFormat: this.dataFormat,
    };
  }
}

/** Creates a {@link RandomRotation} layer. @example randomRotation({ factor: [-0.05, 0.05] }) */
export function randomRotation(args: RandomRotationArgs): RandomRotation {
  return new RandomRotation(args);
}
