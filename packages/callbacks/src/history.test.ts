import { describe, expect, it } from 'vitest';
import { CallbackList } from './callback-list.js';
import { History } from './history.js';

describe('History', () => {
  it('records epochs and every log key, including keys that appear late', () => {
    const history = new History();
    const list = new CallbackList([history]);
    list.onTrainBegin();
    list.onEpochEnd(0, { loss: 0.9 });
    list.onEpochEnd(1, { loss: 0.5, val_loss: 0.6 });
    list.onEpochEnd(2, {});
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(history.history).toEqual({ loss: [0.9, 0.5], val_loss: [0.6] });
    // Keras resets only the epoch list when reused.
    list.onTrainBegin();
    list.onEpochEnd(0, { loss: 0.1 });
    expect(history.epoch).toEqual([0]);
    expect(history.history.loss).toEqual([0.9, 0.5, 0.1]);
  });
});
