import { readFileSync } from 'node:fs';
import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { cosineDecay } from './cosine-decay.js';
import { cosineDecayRestarts } from './cosine-decay-restarts.js';
import { exponentialDecay } from './exponential-decay.js';
import { inverseTimeDecay } from './inverse-time-decay.js';
import { piecewiseConstantDecay } from './piecewise-constant-decay.js';
import { polynomialDecay } from './polynomial-decay.js';
import { getSchedule } from './registry.js';

interface ScheduleCase {
  readonly className: string;
  readonly config: tf.ConfigDict;
  readonly steps: number[];
  readonly values: number[];
}

const { cases } = JSON.parse(
  readFileSync(new URL('../../fixtures/schedules.json', import.meta.url), 'utf8'),
) as { cases: ScheduleCase[] };

describe('learning-rate schedules', () => {
  it.each(cases.map((c) => [`${c.className} ${JSON.stringify(c.config)}`, c] as const))(
    'matches NumPy: %s',
    (_, testCase) => {
      const schedule = getSchedule({ className: testCase.className, config: testCase.config });
      expectClose(
        testCase.steps.map((step) => schedule.call(step)),
        testCase.values,
        { rtol: 1e-9, atol: 1e-12, label: testCase.className },
      );
      const config = schedule.getConfig();
      expect(getSchedule({ className: schedule.getClassName(), config }).getConfig()).toEqual(
        config,
      );
    },
  );

  it('matches hand-computed values', () => {
    // 0.1 * 0.5^(10/10) = 0.05; staircase at 19: 0.1 * 0.5^floor(1.9) = 0.05
    expect(
      exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }).call(10),
    ).toBeCloseTo(0.05, 12);
    expect(
      exponentialDecay({
        initialLearningRate: 0.1,
        decaySteps: 10,
        decayRate: 0.5,
        staircase: true,
      }).call(19),
    ).toBeCloseTo(0.05, 12);
    // 0.1 / (1 + 0.5 * 10 / 5) = 0.05
    expect(
      inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 5, decayRate: 0.5 }).call(10),
    ).toBeCloseTo(0.05, 12);
    // boundary steps belong to the earlier piece
    const piecewise = piecewiseConstantDecay({ boundaries: [5, 10], values: [1, 0.5, 0.1] });
    expect([5, 6, 10, 11].map((s) => piecewise.call(s))).toEqual([1, 0.5, 0.5, 0.1]);
    // (0.1 - 0.01) * (1 - 5/10)^1 + 0.01 = 0.055
    expect(
      polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01 }).call(5),
    ).toBeCloseTo(0.055, 12);
    // warmup 0 -> 0.1 over 5 steps: step 2 = 0.04; then cosine from 0.1: step 5 + 10 of 20 = 0.05
    const warm = cosineDecay({
      initialLearningRate: 0,
      decaySteps: 20,
      warmupTarget: 0.1,
      warmupSteps: 5,
    });
    expect(warm.call(2)).toBeCloseTo(0.04, 12);
    expect(warm.call(15)).toBeCloseTo(0.05, 12);
    // tMul 2: periods [0,5), [5,15); step 5 restarts at mMul = 0.5 -> 0.1 * 0.5 = 0.05
    const restarts = cosineDecayRestarts({
      initialLearningRate: 0.1,
      firstDecaySteps: 5,
      mMul: 0.5,
    });
    expect(restarts.call(5)).toBeCloseTo(0.05, 12);
    // halfway through the second period (step 10): 0.05 * 0.5 * (1 + cos(pi/2)) = 0.025
    expect(restarts.call(10)).toBeCloseTo(0.025, 12);
  });

  it('uses the Keras defaults', () => {
    expect(polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10 }).getConfig()).toEqual({
      initialLearningRate: 0.1,
      decaySteps: 10,
      endLearningRate: 0.0001,
      power: 1,
      cycle: false,
    });
    expect(cosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }).getConfig()).toEqual({
      initialLearningRate: 0.1,
      decaySteps: 10,
      alpha: 0,
      warmupTarget: null,
      warmupSteps: 0,
    });
    expect(
      cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 10 }).getConfig(),
    ).toEqual({
      initialLearningRate: 0.1,
      firstDecaySteps: 10,
      tMul: 2,
      mMul: 1,
      alpha: 0,
    });
  });

  it('works as a plain function', () => {
    const f = exponentialDecay({
      initialLearningRate: 1,
      decaySteps: 1,
      decayRate: 0.5,
    }).asFunction();
    expect([0, 1, 2].map(f)).toEqual([1, 0.5, 0.25]);
  });

  it('rejects invalid arguments with clear messages', () => {
    expect(() =>
      exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    ).toThrow('ExponentialDecay: `decaySteps` must be a finite number > 0; received 0');
    expect(() =>
      inverseTimeDecay({ initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 }),
    ).toThrow('InverseTimeDecay: `initialLearningRate` must be a finite number >= 0; received -1');
    expect(() => piecewiseConstantDecay({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow(
      'PiecewiseConstantDecay: `boundaries` must be strictly increasing; received [10, 5]',
    );
    expect(() => piecewiseConstantDecay({ boundaries: [5], values: [1] })).toThrow(
      'PiecewiseConstantDecay: `values` must be an array of 2 numbers (one more than `boundaries`); received [1]',
    );
    expect(() =>
      polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, cycle: 1 as unknown as boolean }),
    ).toThrow('PolynomialDecay: `cycle` must be a boolean; received 1');
    expect(() =>
      cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupTarget: 0.2 }),
    ).toThrow('CosineDecay: `warmupSteps` must be > 0 when `warmupTarget` is set; received 0');
    expect(() => cosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: -5 })).toThrow(
      'CosineDecayRestarts: `firstDecaySteps` must be a finite number > 0; received -5',
    );
    expect(() => getSchedule({ className: 'StepDecay', config: {} })).toThrow(tf.UnknownNameError);
  });
});
