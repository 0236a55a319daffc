import * as tf from '@dendrite/tensor';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-utils.js';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { asImageBatch, checkBoolean, spatialAxes } from './image-inputs.js';

/** Interpolations {@link Resizing} supports (Keras' `bicubic`, `area`, `lanczos*` are refused). */
export type ResizeInterpolation = 'bilinear' | 'nearest';

/** Config of {@link Resizing}. */
export interface ResizingArgs extends LayerArgs {
  /** Output height, a positive integer. */
  readonly height: number;
  /** Output width, a positive integer. */
  readonly width: number;
  /** @defaultValue 'bilinear' */
  readonly interpolation?: ResizeInterpolation;
  /** Center-crop to the output's aspect ratio before resizing. @defaultValue false */
  readonly cropToAspectRatio?: boolean;
  /** Pad (with `fillValue`) to the output's aspect ratio before resizing. @defaultValue false */
  readonly padToAspectRatio?: boolean;
  /** How padding is filled; only Keras' `'constant'`. @defaultValue 'constant' */
  readonly fillMode?: 'constant';
  /** The padding value. @defaultValue 0 */
  readonly fillValue?: number;
  /** Keras' antialiased downsampling; only `false` is supported. @defaultValue false */
  readonly antialias?: boolean;
  /** @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link ResizingArgs} (Keras 3). */
export const RESIZING_DEFAULTS = Object.freeze({
  interpolation: 'bilinear' as ResizeInterpolation,
  cropToAspectRatio: false,
  padToAspectRatio: false,
  fillMode: 'constant' as const,
  fillValue: 0,
  antialias: false,
});

const owner = 'Resizing';

/**
 * Keras' image resizing layer (the same in training and inference): images `[batch, h, w, c]`
 * (or one image) become `[batch, height, width, c]`, sampled with half-pixel centers as
 * `tf.image.resize` does, optionally after a centered crop or pad to the target aspect ratio.
 * @example resizing({ height: 224, width: 224, cropToAspectRatio: true })
 */
export class Resizing extends Layer {
  static override readonly className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: ResizeInterpolation;
  readonly cropToAspectRatio: boolean;
  readonly padToAspectRatio: boolean;
  readonly fillValue: number;
  readonly dataFormat: DataFormat;

  constructor(args: ResizingArgs) {
    super(args);
    this.height = tf.checkNumber(owner, 'height', args?.height, { integer: true, min: 1 });
    this.width = tf.checkNumber(owner, 'width', args.width, { integer: true, min: 1 });
    this.interpolation = tf.checkChoice(
      owner,
      'interpolation',
      args.interpolation ?? RESIZING_DEFAULTS.interpolation,
      ['bilinear', 'nearest'],
    );
    this.cropToAspectRatio = checkBoolean(
      owner,
      'cropToAspectRatio',
      args.cropToAspectRatio,
      false,
    );
    this.padToAspectRatio = checkBoolean(owner, 'padToAspectRatio', args.padToAspectRatio, false);
    if (this.cropToAspectRatio && this.padToAspectRatio) {
      throw new tf.ConfigError(
        `${owner}: only one of \`cropToAspectRatio\` and \`padToAspectRatio\` may be true`,
      );
    }
    tf.checkChoice(owner, 'fillMode', args.fillMode ?? RESIZING_DEFAULTS.fillMode, ['constant']);
    this.fillValue = tf.checkNumber(
      owner,
      'fillValue',
      args.fillValue ?? RESIZING_DEFAULTS.fillValue,
    );
    if (checkBoolean(owner, 'antialias', args.antialias, false)) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'antialias', 'false (antialiased resizing is not supported)', true),
      );
    }
    this.dataFormat = checkDataFormat(owner, args.dataFormat);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, this.dtype);
    return asImageBatch(this.name, x, this.dataFormat, (images) => {
      const framed = this.cropToAspectRatio
        ? this.crop(images)
        : this.padToAspectRatio
          ? this.pad(images)
          : images;
      const size: [number, number] = [this.height, this.width];
      // Half-pixel centers and no corner alignment: tf.image.resize, which Keras 3 calls.
      return this.interpolation === 'bilinear'
        ? tf.image.resizeBilinear(framed, size, false, true)
        : tf.image.resizeNearestNeighbor(framed, size, false, true);
    });
  }

  /** Keras' centered crop to the target aspect ratio (sizes truncated to integers). */
  private crop(images: tf.Tensor4D): tf.Tensor4D {
    const [, height, width] = images.shape;
    const cropHeight = Math.max(
      Math.min(height, Math.trunc((width * this.height) / this.width)),
      1,
    );
    const cropWidth = Math.max(Math.min(width, Math.trunc((height * this.width) / this.height)), 1);
    const top = Math.trunc((height - cropHeight) / 2);
    const left = Math.trunc((width - cropWidth) / 2);
    return tf.slice(images, [0, top, left, 0], [-1, cropHeight, cropWidth, -1]);
  }

  /** Keras' centered pad to the target aspect ratio: the same margin on both sides. */
  private pad(images: tf.Tensor4D): tf.Tensor4D {
    const [, height, width] = images.shape;
    const padHeight = Math.max(height, Math.trunc((width * this.height) / this.width));
    const padWidth = Math.max(width, Math.trunc((height * this.width) / this.height));
    const top = Math.trunc((padHeight - height) / 2);
    const left = Math.trunc((padWidth - width) / 2);
    return tf.pad(
      images,
      [
        [0, 0],
        [top, top],
        [left, left],
        [0, 0],
      ],
      this.fillValue,
    );
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = [...singleShape(this.name, inputShape)];
    if (shape.length !== 3 && shape.length !== 4) {
      throw new tf.ShapeError(
        `${this.name}: expected images of rank 3 or 4; received shape [${shape.map((d) => d ?? 'null')}]`,
      );
    }
    const [h, w] = spatialAxes(shape.length, this.dataFormat);
    shape[h] = this.height;
    shape[w] = this.width;
    return shape;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      height: this.height,
      width: this.width,
      interpolation: this.interpolation,
      cropToAspectRatio: this.cropToAspectRatio,
      padToAspectRatio: this.padToAspectRatio,
      fillMode: 'constant',
      fillValue: this.fillValue,
      antialias: false,
      dataFormat: this.dataFormat,
    };
  }
}

/** Creates a {@link Resizing} layer. @example resizing({ height: 64, width: 64 }) */
export function resizing(args: ResizingArgs): Resizing {
  return new Resizing(args);
}
