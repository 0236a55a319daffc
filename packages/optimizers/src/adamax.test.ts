import * as tf from '@dendrite/tensor';
import { describe, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { adamax } from './adamax.js';

describe('Adamax', () => {
  it('matches tf.train.adamax', () => {
    expectMatchesTfjs(adamax({ learningRate: 0.01 }), tf.train.adamax(0.01, 0.9, 0.999, 1e-7));
  });
});
