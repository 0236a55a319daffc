import * as tf from '@dendrite/tensor';
import { checkPositive } from '../validate.js';

/** Config shared by the schedules that decay once per `decaySteps` period. */
export interface PeriodicDecayArgs {
  /** Learning rate at step 0. */
  readonly initialLearningRate: number;
  /** Steps per period of decay. */
  readonly decaySteps: number;
  /** How strongly each period decays the rate; the schedule's formula says how it is used. */
  readonly decayRate: number;
  /** Decay in whole periods (`floor(step / decaySteps)`). @defaultValue false */
  readonly staircase?: boolean;
}

const DEFAULTS = Object.freeze({ staircase: false });

/** Checks a {@link PeriodicDecayArgs} for `owner` and applies the defaults. */
export function checkPeriodicDecayArgs(
  owner: string,
  args: PeriodicDecayArgs,
): Required<PeriodicDecayArgs> {
  return {
    initialLearningRate: tf.checkNumber(owner, 'initialLearningRate', args.initialLearningRate, {
      min: 0,
    }),
    decaySteps: checkPositive(owner, 'decaySteps', args.decaySteps),
    decayRate: tf.checkNumber(owner, 'decayRate', args.decayRate, { min: 0 }),
    staircase: tf.checkBoolean(owner, 'staircase', args.staircase ?? DEFAULTS.staircase),
  };
}

/** The periods elapsed at `step`: `step / decaySteps`, floored with `staircase`. */
export function decayPeriods(step: number, config: Required<PeriodicDecayArgs>): number {
  const periods = step / config.decaySteps;
  return config.staircase ? Math.floor(periods) : periods;
}
