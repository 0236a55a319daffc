import { describe, expect, it } from 'vitest';
import { CallbackList } from './callback-list.js';
import { ProgbarLogger, progbarLogger } from './progbar-logger.js';
import type { TrainingParams } from './training-model.js';

const PARAMS: TrainingParams = {
  epochs: 20,
  initialEpoch: 0,
  steps: 4,
  samples: 8,
  batchSize: 2,
  verbose: 2,
  metrics: ['loss'],
};

function clock(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)] as number;
}

describe('ProgbarLogger', () => {
  it('writes one plain line per epoch when not on a terminal', () => {
    const out: string[] = [];
    const logger = progbarLogger({
      verbose: 1,
      isTTY: false,
      write: (t) => void out.push(t),
      now: clock([0, 4100, 5000, 5500]),
    });
    expect(logger.live).toBe(false);
    expect(logger.batchLogsEvery).toBe(0);
    const list = new CallbackList([logger]);
    list.setParams(PARAMS);
    list.onEpochBegin(2);
    for (let b = 0; b < 4; b++) list.onTrainBatchEnd(b);
    list.onEpochEnd(2, { loss: 0.30123, accuracy: 0.89118, val_loss: 0.0001234 });
    list.onEpochBegin(3);
    list.onEpochEnd(3, { loss: 0.25 });
    expect(out).toEqual([
      'Epoch 3/20 - 4.1s - loss: 0.3012 - accuracy: 0.8912 - val_loss: 1.2340e-04\n',
      'Epoch 4/20 - 0.5s - loss: 0.2500\n',
    ]);
  });

  it('draws a live bar in place on a terminal', () => {
    const out: string[] = [];
    const logger = new ProgbarLogger({
      isTTY: true,
      updateEvery: 2,
      width: 10,
      write: (t) => void out.push(t),
      now: clock([0, 1000, 2000]),
    });
    expect(logger.batchLogsEvery).toBe(2);
    const list = new CallbackList([logger]);
    list.setParams({ ...PARAMS, verbose: 1 });
    list.onEpochBegin(0);
    list.onTrainBatchEnd(0);
    list.onTrainBatchEnd(1, { loss: 0.5 });
    list.onTrainBatchEnd(2);
    list.onEpochEnd(0, { loss: 0.25, val_loss: 0.3 });
    // At batch 2 of 4 after 1 s: 0.5 s/step, ETA 0.5 * 2 = 1 s, 2 batches * 2 samples / 1 s = 4 samples/s.
    const live = '2/4 [====>.....] - ETA: 1s - 4 samples/s - loss: 0.5000';
    const final = '4/4 [==========] - 2s 500ms/step - loss: 0.2500 - val_loss: 0.3000';
    expect(out).toEqual([
      'Epoch 1/20\n',
      `\r${live}`,
      `\r${final}${' '.repeat(Math.max(0, live.length - final.length))}`,
      '\n',
    ]);
  });

  it('defaults to a bar updated every 10 batches on a terminal and validates', () => {
    expect(progbarLogger({ isTTY: true, write: () => {} }).batchLogsEvery).toBe(10);
    expect(progbarLogger({ verbose: 2, isTTY: true, write: () => {} }).live).toBe(false);
    expect(() => progbarLogger({ verbose: 0 as 1 })).toThrow(
      'ProgbarLogger: `verbose` must be 1 or 2; received 0',
    );
  });
});
