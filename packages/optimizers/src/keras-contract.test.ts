import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectTrajectory } from '../test/helpers.js';
import { adadelta } from './adadelta.js';
import { adagrad } from './adagrad.js';
import { adam } from './adam.js';
import { adamax } from './adamax.js';
import { adamw } from './adamw.js';
import { lion } from './lion.js';
import { nadam } from './nadam.js';
import type { Optimizer } from './optimizer.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

type Args = Record<string, unknown>;
type Create = (args?: Args) => Optimizer;

// What every optimizer promises, one column per promise and one row per optimizer.

/** The factory of each Keras class name. */
const CREATE: Record<string, Create> = {
  Adam: adam as Create,
  AdamW: adamw as Create,
  Adamax: adamax as Create,
  Nadam: nadam as Create,
  Adadelta: adadelta as Create,
  Adagrad: adagrad as Create,
  Lion: lion as Create,
  RMSprop: rmsprop as Create,
  SGD: sgd as Create,
};

const MOMENTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Keras 3's defaults: a subset of `getConfig()` with no arguments. */
const DEFAULTS: Record<string, Args> = {
  Adam: { learningRate: 0.001, ...MOMENTS, amsgrad: false },
  AdamW: { learningRate: 0.001, weightDecay: 0.004, ...MOMENTS, amsgrad: false },
  Adamax: { learningRate: 0.001, ...MOMENTS },
  Nadam: { learningRate: 0.001, ...MOMENTS },
  Adadelta: { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 },
  Adagrad: { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 },
  Lion: { learningRate: 0.001, beta1: 0.9, beta2: 0.99 },
  RMSprop: { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false },
  SGD: { learningRate: 0.01, momentum: 0, nesterov: false },
};

/**
 * Fixture ids whose 10 NumPy steps each optimizer must reproduce. AdamW decays before the Adam
 * step; Nadam's momentum cache follows 0.96^t. tf.train.adadelta divides by the accumulated
 * gradient before this step's update, Keras after it, so tfjs is no oracle for Adadelta.
 */
const TRAJECTORIES: Record<string, string[]> = {
  Adam: ['adam-default', 'adam-amsgrad', 'adam-epsilon', 'adam-minimize'],
  AdamW: ['adamw-default'],
  Adamax: ['adamax-default', 'adamax-epsilon'],
  Nadam: ['nadam-default', 'nadam-epsilon'],
  Adadelta: ['adadelta-default', 'adadelta-epsilon'],
  Adagrad: ['adagrad-default', 'adagrad-epsilon'],
  Lion: ['lion-default'],
  RMSprop: ['rmsprop-default', 'rmsprop-centered-momentum', 'rmsprop-centered-epsilon'],
  SGD: ['sgd-default', 'sgd-momentum', 'sgd-nesterov'],
};

/** Bad arguments and (a prefix of) the message each must throw, under the class's own name. */
const REJECTS: Array<[string, Args, string]> = [
  ['Adam', { beta1: 1 }, 'Adam: `beta1` must be a finite number in [0, 1); received 1'],
  ['Adam', { beta2: -0.1 }, 'Adam: `beta2`'],
  ['Adam', { epsilon: -1 }, 'Adam: `epsilon` must be a finite number >= 0; received -1'],
  ['Adam', { amsgrad: 'yes' }, 'Adam: `amsgrad` must be a boolean; received "yes"'],
  ['AdamW', { weightDecay: -1 }, 'AdamW: `weightDecay` must be a finite number >= 0; received -1'],
  ['AdamW', { beta1: 2 }, 'AdamW: `beta1`'],
  ['Adamax', { beta1: 1.2 }, 'Adamax: `beta1` must be a finite number in [0, 1); received 1.2'],
  ['Nadam', { beta2: 1 }, 'Nadam: `beta2` must be a finite number in [0, 1); received 1'],
  ['Adadelta', { rho: -0.5 }, 'Adadelta: `rho` must be a finite number in [0, 1]; received -0.5'],
  ['Adadelta', { epsilon: -1e-7 }, 'Adadelta: `epsilon`'],
  [
    'Adagrad',
    { initialAccumulatorValue: -0.1 },
    'Adagrad: `initialAccumulatorValue` must be a finite number >= 0; received -0.1',
  ],
  ['Lion', { beta1: 0 }, 'Lion: `beta1` must be a finite number in (0, 1); received 0'],
  ['Lion', { beta2: 1 }, 'Lion: `beta2`'],
  ['RMSprop', { rho: 1.5 }, 'RMSprop: `rho` must be a finite number in [0, 1]; received 1.5'],
  ['RMSprop', { momentum: 2 }, 'RMSprop: `momentum`'],
  ['RMSprop', { epsilon: -1 }, 'RMSprop: `epsilon` must be a finite number >= 0; received -1'],
  ['SGD', { momentum: 1.5 }, 'SGD: `momentum` must be a finite number in [0, 1]; received 1.5'],
  ['SGD', { momentum: -0.1 }, 'received -0.1'],
  ['SGD', { nesterov: 1 }, 'SGD: `nesterov` must be a boolean; received 1'],
];

/** Arguments whose `getConfig` must survive `get({className, config})`. */
const ROUND_TRIPS: Record<string, Args> = {
  Adam: { learningRate: 0.01, beta1: 0.8, amsgrad: true, clipValue: 2 },
  AdamW: { learningRate: 0.01, weightDecay: 0.1 },
  Adamax: { learningRate: 0.002, beta2: 0.99 },
  Nadam: { learningRate: 0.002, epsilon: 1e-8 },
  Adadelta: { learningRate: 1, rho: 0.9 },
  Adagrad: { learningRate: 0.1, initialAccumulatorValue: 0.5 },
  Lion: { learningRate: 0.0003, weightDecay: 0.01 },
  RMSprop: { learningRate: 0.01, momentum: 0.5, centered: true },
  SGD: { learningRate: 0.1, momentum: 0.9, nesterov: true, clipNorm: 1 },
};

describe.each(Object.keys(CREATE))('%s', (className) => {
  const create = CREATE[className] as Create;

  it('has the Keras defaults', () => {
    const optimizer = create();
    expect(optimizer.getClassName()).toBe(className);
    expect(optimizer.getConfig()).toMatchObject(DEFAULTS[className] as Args);
  });

  it.each(TRAJECTORIES[className] as string[])('matches the NumPy trajectory %s', (id) =>
    expectTrajectory(id),
  );

  it.each(REJECTS.filter(([name]) => name === className))('rejects %o', (_, args, message) => {
    expect(() => create(args)).toThrow(message);
  });

  it('round-trips its config', () => expectConfigRoundTrip(create(ROUND_TRIPS[className])));
});
