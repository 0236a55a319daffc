import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import type { Layer } from '../src/layer.js';

/** The inputs, initial output state and weights of one case of `fixtures/recurrent_cells.json`. */
export interface CellWeights {
  readonly x: number[][][];
  readonly h0: number[][];
  readonly kernel: number[][];
  readonly recurrentKernel: number[][];
  readonly bias: number[] | number[][];
}

/** `fixtures/recurrent_cells.json`, written by `fixtures/recurrent_cells.py` (NumPy, float64, Keras 3 formulas). */
export function readRecurrentFixtures<T>(): T {
  const url = new URL('../fixtures/recurrent_cells.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/**
 * Builds `layer` for the fixture's inputs and gives it the fixture's kernel, recurrent kernel
 * and bias; returns the inputs and the initial output state, which the caller disposes.
 */
export function loadCellFixture(
  layer: Layer,
  fixture: CellWeights,
): { x: tf.Tensor3D; h0: tf.Tensor2D } {
  const x = tf.tensor3d(fixture.x);
  layer.build(x.shape);
  const { kernel, recurrentKernel, bias } = fixture;
  layer.setWeights([tf.tensor2d(kernel), tf.tensor2d(recurrentKernel), tf.tensor(bias)]);
  return { x, h0: tf.tensor2d(fixture.h0) };
}
