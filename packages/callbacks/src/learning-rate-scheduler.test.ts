import { describe, expect, it } from 'vitest';
import { FakeModel, fakeFit } from '../test/fake-model.js';
import { learningRateScheduler } from './learning-rate-scheduler.js';

describe('LearningRateScheduler', () => {
  it('sets the rate from schedule(epoch, lr) at each epoch start and logs it', async () => {
    const model = new FakeModel(0.1);
    const seen: [number, number][] = [];
    const scheduler = learningRateScheduler((epoch, lr) => {
      seen.push([epoch, lr]);
      return epoch < 2 ? lr : lr * 0.5;
    });
    const history = await fakeFit(model, { epochs: 4, callbacks: [scheduler] });
    // 0.1, 0.1, then halved at epochs 2 and 3.
    expect(seen).toEqual([
      [0, 0.1],
      [1, 0.1],
      [2, 0.1],
      [3, 0.05],
    ]);
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05, 0.025]);
    model.dispose();
  });

  it('rejects a schedule that returns a non-number', async () => {
    const model = new FakeModel(0.1);
    const bad = learningRateScheduler(() => Number.NaN);
    await expect(fakeFit(model, { epochs: 1, callbacks: [bad] })).rejects.toThrow(
      'LearningRateScheduler: `schedule(epoch, lr)` must be a finite number; received NaN',
    );
    model.dispose();
    expect(() => learningRateScheduler(3 as unknown as () => number)).toThrow(
      'LearningRateScheduler: `schedule` must be a function (epoch, lr) => lr; received 3',
    );
  });
});
