import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectMatchesTfjs } from '../test/helpers.js';
import { SGD, sgd } from './sgd.js';

describe('SGD', () => {
  it('has the Keras defaults', () => {
    expect(new SGD().getConfig()).toEqual({
      learningRate: 0.01,
      weightDecay: null,
      clipNorm: null,
      globalClipNorm: null,
      clipValue: null,
      momentum: 0,
      nesterov: false,
    });
  });

  it('matches tf.train.sgd and tf.train.momentum (plain and Nesterov)', () => {
    expectMatchesTfjs(sgd({ learningRate: 0.1 }), tf.train.sgd(0.1));
    expectMatchesTfjs(sgd({ learningRate: 0.1, momentum: 0.9 }), tf.train.momentum(0.1, 0.9));
    expectMatchesTfjs(
      sgd({ learningRate: 0.05, momentum: 0.5, nesterov: true }),
      tf.train.momentum(0.05, 0.5, true),
    );
  });

  it('keeps a momentum slot only when momentum > 0', () => {
    const w = tf.variable(tf.zeros([2]));
    const plain = sgd();
    const heavy = sgd({ momentum: 0.9 });
    const g = tf.ones([2]);
    plain.applyGradients([[g, w]]);
    heavy.applyGradients([[g, w]]);
    const [plainWeights, heavyWeights] = [plain.getWeights(), heavy.getWeights()];
    expect(plainWeights.map((x) => x.name)).toEqual(['iteration']);
    expect(heavyWeights.map((x) => x.name)).toEqual(['iteration', `${w.name}/momentum`]);
    tf.dispose([...plainWeights, ...heavyWeights].map((x) => x.tensor));
    tf.dispose([g, w]);
    plain.dispose();
    heavy.dispose();
  });
});
