import * as tf from '@dendrite/tensor';
import type { IdxArray } from '../idx.js';
import { readIdxFile } from './idx-file.js';

/** One split as typed arrays: `images` holds `shape[0]` images of `shape[1] x shape[2]` bytes. */
export interface ImageSplitArrays {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly shape: readonly [number, number, number];
}

/** One split as tensors the caller owns: images float32 `[n, rows, cols]`, labels int32 `[n]`. */
export interface ImageSplitTensors {
  readonly images: tf.Tensor3D;
  readonly labels: tf.Tensor1D;
}

function checkSplit(
  images: IdxArray,
  labels: IdxArray,
  paths: { images: string; labels: string },
  classCount: number,
): ImageSplitArrays {
  const fail = (path: string, what: string) => new tf.ValueError(`${path}: ${what}`);
  if (images.dtype !== 'uint8' || images.shape.length !== 3) {
    throw fail(
      paths.images,
      `expected uint8 images of shape [n, rows, cols]; the header gives ${images.dtype} [${images.shape.join(', ')}]`,
    );
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1) {
    throw fail(
      paths.labels,
      `expected uint8 labels of shape [n]; the header gives ${labels.dtype} [${labels.shape.join(', ')}]`,
    );
  }
  if (labels.shape[0] !== images.shape[0]) {
    throw fail(
      paths.labels,
      `${labels.shape[0]} labels for ${images.shape[0]} images in ${paths.images}`,
    );
  }
  const data = labels.data as Uint8Array;
  const bad = data.findIndex((label) => label >= classCount);
  if (bad >= 0) {
    throw fail(paths.labels, `label ${data[bad]} at index ${bad} is not below ${classCount}`);
  }
  return {
    images: images.data as Uint8Array,
    labels: data,
    shape: images.shape as unknown as [number, number, number],
  };
}

/** Reads and checks both splits from the four files. */
export async function readSplits(
  paths: Readonly<Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', string>>,
  classes: number,
): Promise<{ train: ImageSplitArrays; test: ImageSplitArrays }> {
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [paths.trainImages, paths.trainLabels, paths.testImages, paths.testLabels].map(readIdxFile),
  );
  return {
    train: checkSplit(
      trainImages as IdxArray,
      trainLabels as IdxArray,
      { images: paths.trainImages, labels: paths.trainLabels },
      classes,
    ),
    test: checkSplit(
      testImages as IdxArray,
      testLabels as IdxArray,
      { images: paths.testImages, labels: paths.testLabels },
      classes,
    ),
  };
}

/** Converts a split to tensors the caller owns, pixels scaled by 1/255 when `normalize`. */
export function toTensors(split: ImageSplitArrays, normalize: boolean): ImageSplitTensors {
  const factor = normalize ? 1 / 255 : 1;
  const pixels = new Float32Array(split.images.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (split.images[i] as number) * factor;
  return {
    images: tf.tensor3d(pixels, [...split.shape], 'float32'),
    labels: tf.tensor1d(Int32Array.from(split.labels), 'int32'),
  };
}
