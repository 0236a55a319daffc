import * as tf from '@dendrite/tensor';
import { describe, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { rmsprop } from './rmsprop.js';

describe('RMSprop', () => {
  it('matches tf.train.rmsprop (uncentered; tfjs subtracts epsilon when centered)', () => {
    expectMatchesTfjs(rmsprop({ learningRate: 0.01 }), tf.train.rmsprop(0.01, 0.9, 0, 1e-7));
    expectMatchesTfjs(
      rmsprop({ learningRate: 0.01, momentum: 0.5, rho: 0.8 }),
      tf.train.rmsprop(0.01, 0.8, 0.5, 1e-7),
    );
  });
});
