import * as tf from '@dendrite/tensor';
import type { Shape } from '../shape.js';

/** Padding modes of convolution and pooling layers (Keras names). */
export type PaddingMode = 'valid' | 'same';
/** Where the channels axis is: last (`NHWC`, Keras' default) or right after the batch axis. */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** Valid values of `padding`. */
export const PADDING_MODES: readonly PaddingMode[] = ['valid', 'same'];
/** Valid values of `dataFormat`. */
export const DATA_FORMATS: readonly DataFormat[] = ['channelsLast', 'channelsFirst'];

/** Reads a `dataFormat` for `owner` (Keras' `channels_last` / `channels_first`), default channels last. */
export function checkDataFormat(owner: string, value: unknown): DataFormat {
  return tf.checkChoice(owner, 'dataFormat', value ?? 'channelsLast', DATA_FORMATS);
}

/**
 * Reads an int-or-tuple argument (`kernelSize: 3` or `[3, 3]`) as a tuple of `rank` positive
 * integers; throws a ConfigError naming `owner` and `argument` otherwise.
 */
export function normalizeTuple(
  owner: string,
  argument: string,
  value: unknown,
  rank: number,
  { allowZero = false }: { allowZero?: boolean } = {},
): number[] {
  const list = typeof value === 'number' ? new Array<number>(rank).fill(value) : value;
  const ok =
    Array.isArray(list) &&
    list.length === rank &&
    list.every((v) => Number.isInteger(v) && (allowZero ? v >= 0 : v > 0));
  if (!ok) {
    const what = allowZero ? 'non-negative' : 'positive';
    throw new tf.ConfigError(
      tf.configMessage(owner, argument, `a ${what} integer or an array of ${rank} of them`, value),
    );
  }
  return [...(list as number[])];
}

/** Output length of a convolution or pooling window along one axis (Keras `conv_output_length`). */
export function convOutputLength(
  length: number | null,
  kernel: number,
  padding: PaddingMode,
  stride: number,
  dilation = 1,
): number | null {
  if (length === null) return null;
  const effective = (kernel - 1) * dilation + 1;
  const out = padding === 'same' ? length : length - effective + 1;
  return Math.floor((out + stride - 1) / stride);
}

/** Output length of a transposed convolution along one axis (Keras `deconv_output_length`). */
export function deconvOutputLength(
  length: number | null,
  kernel: number,
  padding: PaddingMode,
  stride: number,
  outputPadding: number | null,
): number | null {
  if (length === null) return null;
  if (outputPadding === null) {
    return padding === 'valid' ? length * stride + Math.max(kernel - stride, 0) : length * stride;
  }
  const pad = padding === 'same' ? Math.floor(kernel / 2) : 0;
  return (length - 1) * stride + kernel - 2 * pad + outputPadding;
}

/** Moves the channels axis of a channels-first tensor to the end (`NCHW` → `NHWC`). */
export function toChannelsLast(x: tf.Tensor): tf.Tensor {
  const perm = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1];
  return tf.transpose(x, perm);
}

/** Moves the last axis right after the batch axis (`NHWC` → `NCHW`). */
export function toChannelsFirst(x: tf.Tensor): tf.Tensor {
  const perm = [0, x.rank - 1, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 1)];
  return tf.transpose(x, perm);
}

/** The spatial dims and channel count of a shape in the given data format. */
export function splitShape(
  shape: Shape,
  dataFormat: DataFormat,
): { batch: number | null; spatial: Array<number | null>; channels: number | null } {
  const batch = shape[0] ?? null;
  if (dataFormat === 'channelsFirst') {
    return { batch, spatial: shape.slice(2) as Array<number | null>, channels: shape[1] ?? null };
  }
  return {
    batch,
    spatial: shape.slice(1, -1) as Array<number | null>,
    channels: shape[shape.length - 1] ?? null,
  };
}

/** Assembles a shape from its parts in the given data format. */
export function joinShape(
  batch: number | null,
  spatial: ReadonlyArray<number | null>,
  channels: number | null,
  dataFormat: DataFormat,
): Shape {
  return dataFormat === 'channelsFirst'
    ? [batch, channels, ...spatial]
    : [batch, ...spatial, channels];
}

/** Throws a ShapeError unless `shape` has `rank` dims; `what` describes the expected input. */
export function checkRank(owner: string, shape: Shape, rank: number, what: string): void {
  if (shape.length !== rank) {
    throw new tf.ShapeError(
      `${owner}: expected ${what} (rank ${rank}); received shape [${shape.map((d) => d ?? 'null')}]`,
    );
  }
}

/** The error a layer throws when an input's channels differ from those it was built for. */
export function channelMismatch(
  layer: string,
  channels: number,
  shape: readonly number[],
): tf.ShapeError {
  return new tf.ShapeError(
    `${layer}: expected inputs with ${channels} channels; received shape [${shape}]`,
  );
}
