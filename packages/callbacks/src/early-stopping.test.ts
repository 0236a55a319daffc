import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { FakeModel, fakeFit } from '../test/fake-model.js';
import { EarlyStopping, earlyStopping } from './early-stopping.js';
import { lambdaCallback } from './lambda-callback.js';

/** Runs a fake fit with scripted `val_loss` (or another key), recording weights at each epoch end. */
async function run(
  values: number[],
  args: ConstructorParameters<typeof EarlyStopping>[0],
  key = 'val_loss',
) {
  const model = new FakeModel();
  const weightsAtEnd: number[][][] = [];
  const stopper = earlyStopping(args);
  const recorder = lambdaCallback({
    onEpochEnd: () => void weightsAtEnd.push(model.weightValues()),
  });
  const history = await fakeFit(model, {
    epochs: values.length,
    callbacks: [recorder, stopper],
    epochLogs: (epoch) => ({ [key]: values[epoch] as number }),
  });
  const finalWeights = model.weightValues();
  model.dispose();
  return { stopper, history, weightsAtEnd, finalWeights };
}

describe('EarlyStopping', () => {
  it('stops at the epoch the Keras rule gives and restores the best weights by value', async () => {
    await expectNoLeak(async () => {
      // Keras rule, patience 2 (wait += 1 each epoch, reset on improvement):
      // e0 1.00 < inf -> best, wait 0 | e1 0.90 -> best, wait 0 | e2 0.95 wait 1
      // e3 0.91 wait 2 >= 2 -> stop at epoch 3; best epoch 1.
      const { stopper, history, weightsAtEnd, finalWeights } = await run(
        [1, 0.9, 0.95, 0.91, 0.92, 0.8],
        { patience: 2, restoreBestWeights: true },
      );
      expect(history.epoch).toEqual([0, 1, 2, 3]);
      expect(stopper.stoppedEpoch).toBe(3);
      expect(stopper.bestEpoch).toBe(1);
      expect(stopper.best).toBe(0.9);
      expect(finalWeights).toEqual(weightsAtEnd[1]);
      expect(finalWeights).not.toEqual(weightsAtEnd[3]);
    });
  });

  it('restores the best weights at the end even without an early stop', async () => {
    await expectNoLeak(async () => {
      // patience 5 never runs out in 3 epochs; best is epoch 1 (0.5).
      const { stopper, history, weightsAtEnd, finalWeights } = await run([1, 0.5, 0.7], {
        patience: 5,
        restoreBestWeights: true,
      });
      expect(history.epoch).toEqual([0, 1, 2]);
      expect(stopper.stoppedEpoch).toBe(0);
      expect(finalWeights).toEqual(weightsAtEnd[1]);
    });
  });

  it('keeps the last weights without restoreBestWeights', async () => {
    const { weightsAtEnd, finalWeights } = await run([1, 0.9, 0.95, 0.91], { patience: 2 });
    expect(finalWeights).toEqual(weightsAtEnd[3]);
  });

  it('keeps counting while the baseline is not beaten', async () => {
    // baseline 0.5: e0 wait 1 (improves best, misses baseline) | e1 wait 2 (same)
    // e2 0.95 wait 3 >= 2 -> stop at 2 (without a baseline the same run stops at 3).
    const withBaseline = await run([1, 0.9, 0.95, 0.91, 0.92], { patience: 2, baseline: 0.5 });
    expect(withBaseline.stopper.stoppedEpoch).toBe(2);
    expect(withBaseline.stopper.bestEpoch).toBe(1);
    // baseline 0.92: e1 0.90 beats it -> wait 0 | e2 wait 1 | e3 wait 2 -> stop at 3.
    const beaten = await run([1, 0.9, 0.95, 0.91, 0.92], { patience: 2, baseline: 0.92 });
    expect(beaten.stopper.stoppedEpoch).toBe(3);
    // Improving every epoch but never below the baseline: Keras never stops (it returns on
    // improvement before checking patience).
    const improving = await run([1, 0.9, 0.8, 0.7], { patience: 1, baseline: 0.1 });
    expect(improving.history.epoch).toEqual([0, 1, 2, 3]);
    expect(improving.stopper.wait).toBe(4);
  });

  it('ignores epochs before startFromEpoch', async () => {
    // patience 1. Without warm-up: e0 best 1, e1 best 0.5, e2 0.9 wait 1 -> stop at 2.
    const plain = await run([1, 0.5, 0.9, 0.95, 0.97], { patience: 1 });
    expect(plain.stopper.stoppedEpoch).toBe(2);
    // From epoch 2: e2 0.9 is the first best, e3 0.95 wait 1 -> stop at 3, best epoch 2.
    const warm = await run([1, 0.5, 0.9, 0.95, 0.97], { patience: 1, startFromEpoch: 2 });
    expect(warm.stopper.stoppedEpoch).toBe(3);
    expect(warm.stopper.bestEpoch).toBe(2);
  });

  it('maximizes accuracy and honours minDelta', async () => {
    // max mode: e0 0.5 best | e1 0.6 best | e2 0.55 wait 1 -> stop (patience 1).
    const acc = await run(
      [0.5, 0.6, 0.55, 0.7],
      { monitor: 'val_accuracy', patience: 1 },
      'val_accuracy',
    );
    expect(acc.stopper.stoppedEpoch).toBe(2);
    expect(acc.stopper.best).toBe(0.6);
    // minDelta 0.1: e1 0.95 + 0.1 = 1.05 is not < 1 -> wait 1 -> stop at 1.
    const delta = await run([1, 0.95, 0.9], { patience: 1, minDelta: 0.1 });
    expect(delta.stopper.stoppedEpoch).toBe(1);
  });

  it('never stops at epoch 0 and resets when reused', async () => {
    const stopper = new EarlyStopping({ patience: 0 });
    stopper.onTrainBegin();
    // A NaN never improves: wait 1 >= 0, but epoch 0 is never a stopping epoch.
    stopper.onEpochEnd(0, { val_loss: Number.NaN });
    expect([stopper.wait, stopper.stoppedEpoch]).toEqual([1, 0]);
    stopper.onEpochEnd(1, { val_loss: Number.NaN });
    expect([stopper.wait, stopper.stoppedEpoch]).toEqual([2, 1]);
    stopper.onTrainBegin();
    expect([stopper.wait, stopper.stoppedEpoch, stopper.best]).toEqual([0, 0, Infinity]);
  });

  it('validates patience, baseline and startFromEpoch', () => {
    expect(() => earlyStopping({ patience: -1 })).toThrow(
      'EarlyStopping: `patience` must be an integer >= 0; received -1',
    );
    expect(() => earlyStopping({ baseline: Number.POSITIVE_INFINITY })).toThrow(
      'EarlyStopping: `baseline` must be a finite number; received Infinity',
    );
    expect(() => earlyStopping({ startFromEpoch: 1.5 })).toThrow(
      'EarlyStopping: `startFromEpoch` must be an integer >= 0; received 1.5',
    );
  });

  it('has Keras defaults', () => {
    const stopper = earlyStopping();
    expect([stopper.monitor, stopper.minDelta, stopper.patience, stopper.mode]).toEqual([
      'val_loss',
      0,
      0,
      'auto',
    ]);
    expect([stopper.baseline, stopper.restoreBestWeights, stopper.startFromEpoch]).toEqual([
      undefined,
      false,
      0,
    ]);
  });
});
