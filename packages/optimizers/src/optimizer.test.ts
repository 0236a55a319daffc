import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import {
  applyStep,
  expectConfigRoundTrip,
  expectSteps,
  expectTrajectory,
  findCase,
  makeVariables,
} from '../test/helpers.js';
import { adam } from './adam.js';
import { adamw } from './adamw.js';
import { lion } from './lion.js';
import { rmsprop } from './rmsprop.js';
import { exponentialDecay } from './schedules/exponential-decay.js';
import { sgd } from './sgd.js';

describe('Optimizer: clipping, weight decay, learning rate', () => {
  it.each(['clip-norm', 'clip-value', 'clip-global-norm'])('clips gradients like Keras: %s', (id) =>
    expectTrajectory(id),
  );

  it.each(['weight-decay-sgd', 'weight-decay-rmsprop'])(
    'applies decoupled weight decay before the update: %s',
    (id) => expectTrajectory(id),
  );

  it('evaluates a schedule at the iteration count before the update', () => {
    expectTrajectory('schedule-exponential');
    const optimizer = sgd({
      learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 }),
    });
    // step 0: 0.1 * 0.5^(0/3) = 0.1; after one update, step 1: 0.1 * 0.5^(1/3) = 0.0793700526
    expect(optimizer.currentLearningRate()).toBe(0.1);
    const w = tf.variable(tf.zeros([1]));
    const g = tf.ones([1]);
    optimizer.applyGradients([[g, w]]);
    expect(optimizer.currentLearningRate()).toBeCloseTo(0.0793700526, 9);
    tf.dispose([g, w]);
  });

  it('accepts a new learning rate between steps', () => {
    expectTrajectory('learning-rate-change');
    const optimizer = adam();
    optimizer.learningRate = 0.01;
    expect(optimizer.currentLearningRate()).toBe(0.01);
    expect(optimizer.getConfig().learningRate).toBe(0.01);
    expect(() => {
      optimizer.learningRate = -1;
    }).toThrow('Adam: `learningRate` must be a finite number >= 0; received -1');
  });

  it('serializes a schedule learning rate and round-trips it', () => {
    const optimizer = sgd({
      learningRate: exponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 }),
      momentum: 0.9,
    });
    expect(optimizer.getConfig().learningRate).toEqual({
      className: 'ExponentialDecay',
      config: { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, staircase: false },
    });
    expectConfigRoundTrip(optimizer);
    expectConfigRoundTrip(adamw({ globalClipNorm: 1 }));
  });
});

describe('Optimizer: state', () => {
  it('resumes from getWeights/setWeights to the identical trajectory', () => {
    const testCase = findCase('adam-default');
    const straight = makeVariables();
    const resumed = makeVariables();
    const a = adam({ learningRate: 0.01 });
    const b = adam({ learningRate: 0.01 });
    for (let t = 0; t < 10; t++) applyStep(a, testCase, straight, t);
    for (let t = 0; t < 5; t++) applyStep(b, testCase, resumed, t);
    const state = b.getWeights();
    expect(state.map((w) => w.name)).toEqual([
      'iteration',
      `${resumed[0]?.name}/momentum`,
      `${resumed[0]?.name}/velocity`,
    ]);
    expect(state[0]?.tensor.dataSync()[0]).toBe(5);
    b.dispose();
    const c = adam({ learningRate: 0.01 });
    c.setWeights(state);
    tf.dispose(state.map((w) => w.tensor));
    expect(c.iterations).toBe(5);
    expectSteps(c, testCase, resumed, 5, 10);
    expect(Array.from(resumed[0]?.dataSync() ?? [])).toEqual(
      Array.from(straight[0]?.dataSync() ?? []),
    );
    tf.dispose([...straight, ...resumed]);
    a.dispose();
    c.dispose();
  });

  it('rejects unknown or misshapen weights in setWeights', () => {
    const w = tf.variable(tf.zeros([2, 3]), true, 'kernel-set-weights');
    const optimizer = adam();
    const g = tf.ones([2, 3]);
    optimizer.applyGradients([[g, w]]);
    const wrong = tf.zeros([3]);
    expect(() =>
      optimizer.setWeights([{ name: 'kernel-set-weights/nope', tensor: wrong }]),
    ).toThrow(
      'Adam: unknown weight "kernel-set-weights/nope"; expected "iteration" or "<variable>/<slot>" with slot one of momentum, velocity',
    );
    expect(() =>
      optimizer.setWeights([{ name: 'kernel-set-weights/momentum', tensor: wrong }]),
    ).toThrow(
      'Adam: weight "kernel-set-weights/momentum" has shape [3] but the slot has shape [2,3]',
    );
    tf.dispose([g, w, wrong]);
    optimizer.dispose();
  });

  it('creates no tensors in constructors, only slots on the first step, none after', async () => {
    const w = tf.variable(tf.zeros([2, 3]));
    const b = tf.variable(tf.zeros([3]));
    const gw = tf.ones([2, 3]);
    const gb = tf.ones([3]);
    let optimizer = adam();
    await expectNoLeak(() => {
      optimizer = adam({ learningRate: 0.01, weightDecay: 0.1, globalClipNorm: 1 });
    });
    const step = () =>
      optimizer.applyGradients([
        [gw, w],
        [gb, b],
      ]);
    await expectNoLeak(step, { delta: 4 }); // momentum + velocity for each of 2 variables
    await expectNoLeak(step);
    await expectNoLeak(step);
    await expectNoLeak(() => optimizer.getWeights());
    const state = optimizer.getWeights();
    await expectNoLeak(() => optimizer.setWeights(state));
    tf.dispose(state.map((x) => x.tensor));
    await expectNoLeak(() => optimizer.minimize(() => tf.sum(tf.square(w)), [w, b]));
    await expectNoLeak(() => optimizer.minimize(() => tf.sum(tf.square(w)), [w], true));
    await expectNoLeak(() => optimizer.dispose(), { delta: -4 });
    await expectNoLeak(() => optimizer.dispose());
    await expectNoLeak(() => lion().dispose());
    tf.dispose([w, b, gw, gb]);
  });

  it('refuses to work after dispose', () => {
    const optimizer = rmsprop();
    optimizer.dispose();
    const w = tf.variable(tf.zeros([1]));
    const g = tf.ones([1]);
    expect(() => optimizer.applyGradients([[g, w]])).toThrow('RMSprop: the optimizer was disposed');
    tf.dispose([w, g]);
  });
});

describe('Optimizer: minimize', () => {
  it('minimizes over the given variables and returns the loss on request', () => {
    const w = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = sgd({ learningRate: 0.25 });
    // loss = sum(w^2) = 1 + 4 = 5; grad = 2w = [2, -4]; w - 0.25 * grad = [0.5, -1]
    const loss = optimizer.minimize(() => tf.sum(tf.square(w)), [w], true);
    expect(loss?.dataSync()[0]).toBe(5);
    expect(Array.from(w.dataSync())).toEqual([0.5, -1]);
    expect(optimizer.minimize(() => tf.sum(tf.square(w)), [w])).toBeNull();
    expect(Array.from(w.dataSync())).toEqual([0.25, -0.5]);
    loss?.dispose();
    w.dispose();
  });

  it('defaults to all trainable variables', () => {
    const w = tf.variable(tf.tensor1d([3]));
    const optimizer = sgd({ learningRate: 0.5 });
    // grad of sum(w^2) at 3 is 6; 3 - 0.5 * 6 = 0
    optimizer.minimize(() => tf.sum(tf.square(w)));
    expect(w.dataSync()[0]).toBe(0);
    w.dispose();
  });
});

describe('Optimizer: validation', () => {
  it('rejects a negative or non-numeric learning rate', () => {
    expect(() => sgd({ learningRate: -0.1 })).toThrow(
      'SGD: `learningRate` must be a finite number >= 0; received -0.1',
    );
    expect(() => adam({ learningRate: 'fast' as unknown as number })).toThrow(
      'Adam: `learningRate` must be a finite number >= 0; received "fast"',
    );
  });

  it('rejects more than one clipping option', () => {
    expect(() => adam({ clipNorm: 1, globalClipNorm: 1 })).toThrow(
      'Adam: only one of `clipNorm`, `clipValue` and `globalClipNorm` can be set; received clipNorm=1, clipValue=null, globalClipNorm=1',
    );
    expect(() => sgd({ clipNorm: 1, clipValue: 0.5 })).toThrow('SGD: only one of');
  });

  it('rejects non-positive clip values and a negative weight decay', () => {
    expect(() => sgd({ clipNorm: 0 })).toThrow(
      'SGD: `clipNorm` must be a finite number > 0; received 0',
    );
    expect(() => sgd({ clipValue: -1 })).toThrow('SGD: `clipValue`');
    expect(() => sgd({ weightDecay: -0.1 })).toThrow(
      'SGD: `weightDecay` must be a finite number >= 0; received -0.1',
    );
  });

  it('rejects a gradient whose shape differs from its variable', () => {
    const w = tf.variable(tf.zeros([2, 3]), true, 'mismatch-kernel');
    const g = tf.zeros([3, 2]);
    expect(() => adam().applyGradients([[g, w]])).toThrow(
      'Adam: gradient of shape [3,2] does not match variable "mismatch-kernel" of shape [2,3]',
    );
    tf.dispose([w, g]);
  });
});
