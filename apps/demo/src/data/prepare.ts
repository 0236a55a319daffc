import * as dd from 'dendrite';
import type { DemoData } from './load-data.js';

const PIXELS = 28 * 28;

/** Tensors of one run: scaled images `[n, 28, 28]` in [0, 1] and int32 labels. */
export interface PreparedData {
  readonly xTrain: dd.Tensor;
  readonly yTrain: dd.Tensor;
  readonly xValid: dd.Tensor;
  readonly yValid: dd.Tensor;
  readonly xTest: dd.Tensor;
  readonly yTest: dd.Tensor;
  /** Frees every tensor above. */
  dispose(): void;
}

/** Options of {@link prepareData}. */
export interface PrepareOptions {
  /** Use only the first `subset` training images. @defaultValue all */
  readonly subset?: number;
  /** Use only the first `testSubset` test images. @defaultValue all */
  readonly testSubset?: number;
  /** Seed of the stratified train/validation split. @defaultValue 42 */
  readonly seed?: number;
  /** Fraction held out for validation. @defaultValue 0.2 */
  readonly validation?: number;
}

/** Scales bytes to [0, 1] float32 images `[n, 28, 28]`. */
export function imagesTensor(bytes: Uint8Array, count: number): dd.Tensor {
  const scaled = new Float32Array(count * PIXELS);
  for (let i = 0; i < scaled.length; i++) scaled[i] = (bytes[i] as number) / 255;
  return dd.tensor(scaled, [count, 28, 28]);
}

/**
 * The text's preprocessing: pixels / 255, and 20% of the training images held out for
 * validation by a seeded split that keeps the class proportions.
 */
export function prepareData(data: DemoData, options: PrepareOptions = {}): PreparedData {
  const n = Math.min(options.subset ?? data.train.count, data.train.count);
  const nTest = Math.min(options.testSubset ?? data.test.count, data.test.count);
  const labels = data.train.labels.subarray(0, n);
  const x = imagesTensor(data.train.images, n);
  const y = dd.tensor(Int32Array.from(labels), [n], 'int32');
  let parts: dd.Tensor[];
  try {
    parts = dd.data.trainTestSplit(x, y, {
      testSize: options.validation ?? 0.2,
      seed: options.seed ?? 42,
      stratify: labels,
    });
  } finally {
    dd.dispose([x, y]);
  }
  const [xTrain, xValid, yTrain, yValid] = parts as [dd.Tensor, dd.Tensor, dd.Tensor, dd.Tensor];
  const xTest = imagesTensor(data.test.images, nTest);
  const yTest = dd.tensor(Int32Array.from(data.test.labels.subarray(0, nTest)), [nTest], 'int32');
  return {
    xTrain,
    yTrain,
    xValid,
    yValid,
    xTest,
    yTest,
    dispose: () => dd.dispose([xTrain, yTrain, xValid, yValid, xTest, yTest]),
  };
}
