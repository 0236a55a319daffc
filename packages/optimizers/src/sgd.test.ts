import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectMatchesTfjs, expectTrajectory } from '../test/helpers.js';
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

  it.each(['sgd-default', 'sgd-momentum', 'sgd-nesterov'])(
    'matches the NumPy trajectory %s',
    (id) => expectTrajectory(id),
  );

  it('matches tf.train.sgd and tf.train.momentum (plain and Nesterov)', () => {
    expectMatchesTfjs(sgd({ learningRate: 0.1 }), tf.train.sgd(0.1));
    expectMatchesTfjs(sgd({ learningRate: 0.1, momentum: 0.9 }), tf.train.momentum(0.1, 0.9));
    expectMatchesTfjs(
      sgd({ learningRate: 0.05, momentum: 0.5, nesterov: true }),
      tf.train.momentum(0.05, 0.5, true),
    );
  });

  it('rejects momentum outside [0, 1] and a non-boolean nesterov', () => {
    expect(() => sgd({ momentum: 1.5 })).toThrow(
      'SGD: `momentum` must be a finite number in [0, 1]; received 1.5',
    );
    expect(() => sgd({ momentum: -0.1 })).toThrow('received -0.1');
    expect(() => sgd({ nesterov: 1 as unknown as boolean })).toThrow(
      'SGD: `nesterov` must be a boolean; received 1',
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

  it('round-trips its config', () => {
    expectConfigRoundTrip(sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true, clipNorm: 1 }));
  });
});
