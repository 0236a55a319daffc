import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { FakeModel, fakeFit } from '../test/fake-model.js';
import { type ReduceLROnPlateauArgs, reduceLROnPlateau } from './reduce-lr-on-plateau.js';

async function run(values: number[], args: ReduceLROnPlateauArgs, learningRate = 1) {
  const model = new FakeModel(learningRate);
  const callback = reduceLROnPlateau(args);
  const history = await fakeFit(model, {
    epochs: values.length,
    callbacks: [callback],
    epochLogs: (epoch) => ({ val_loss: values[epoch] as number }),
  });
  const finalLr = model.optimizer.currentLearningRate();
  model.dispose();
  return { history, finalLr, callback };
}

describe('ReduceLROnPlateau', () => {
  it('follows the Keras schedule with cooldown and minLr', async () => {
    await expectNoLeak(async () => {
      // factor 0.5, patience 2, cooldown 1, minLr 0.2, flat val_loss (minDelta 0):
      // e0 best | e1 wait 1 | e2 wait 2 -> 0.5, cooldown 1 | e3 cooldown -> 0, wait 1
      // e4 wait 2 -> 0.25 | e5 wait 1 | e6 wait 2 -> max(0.125, 0.2) = 0.2 | e7 wait 1
      // e8 wait 2 but 0.2 is not > float32(0.2) -> unchanged.
      // learning_rate is logged at epoch end before any reduction.
      const { history, finalLr } = await run(Array(9).fill(1), {
        factor: 0.5,
        patience: 2,
        cooldown: 1,
        minLr: 0.2,
        minDelta: 0,
      });
      expect(history.history.learning_rate).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2]);
      expect(finalLr).toBe(0.2);
    });
  });

  it('needs an improvement larger than minDelta (default 1e-4)', async () => {
    // 0.99995 + 1e-4 = 1.00005 is not < 1 -> wait 1 >= patience 1 -> 1 * 0.1.
    const { finalLr, callback } = await run([1, 0.99995], { patience: 1 });
    expect(finalLr).toBeCloseTo(0.1, 12);
    expect(callback.minDelta).toBe(1e-4);
    // 0.9998 + 1e-4 = 0.9999 < 1 -> improvement, no reduction.
    expect((await run([1, 0.9998], { patience: 1 })).finalLr).toBe(1);
  });

  it('resets the wait on improvement and maximizes accuracy', async () => {
    // patience 2: e1 wait 1, e2 improves (wait 0), e3 wait 1, e4 wait 2 -> 0.1.
    const min = await run([1, 1, 0.5, 0.6, 0.7], { patience: 2, minDelta: 0 });
    expect(min.history.history.learning_rate).toEqual([1, 1, 1, 1, 1]);
    expect(min.finalLr).toBeCloseTo(0.1, 12);
    const acc = reduceLROnPlateau({ monitor: 'val_accuracy' });
    expect([acc.direction, acc.best]).toEqual(['max', -Infinity]);
  });

  it('has Keras defaults and validates', () => {
    const callback = reduceLROnPlateau();
    expect([
      callback.monitor,
      callback.factor,
      callback.patience,
      callback.cooldown,
      callback.minLr,
    ]).toEqual(['val_loss', 0.1, 10, 0, 0]);
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow(
      'ReduceLROnPlateau: `factor` must be a finite number in [0, 1); received 1',
    );
    expect(() => reduceLROnPlateau({ cooldown: -2 })).toThrow(
      'ReduceLROnPlateau: `cooldown` must be an integer >= 0; received -2',
    );
    expect(() => reduceLROnPlateau({ minLr: -1 })).toThrow(
      'ReduceLROnPlateau: `minLr` must be a finite number >= 0; received -1',
    );
  });
});
