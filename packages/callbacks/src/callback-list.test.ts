import { describe, expect, it } from 'vitest';
import { CALLBACK_HOOKS, Callback } from './callback.js';
import { CallbackList } from './callback-list.js';
import { EarlyStopping } from './early-stopping.js';
import { History } from './history.js';
import { LambdaCallback, lambdaCallback } from './lambda-callback.js';
import { ModelCheckpoint } from './model-checkpoint.js';
import { ProgbarLogger } from './progbar-logger.js';
import { TerminateOnNaN } from './terminate-on-nan.js';
import type { Logs } from './training-model.js';

class Recorder extends Callback {
  constructor(
    private readonly name: string,
    private readonly events: string[],
    every = 0,
  ) {
    super();
    this.batchLogsEvery = every;
  }
  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.events.push(`${this.name}:epochEnd:${epoch}:${logs?.loss}`);
  }
  override onTrainBatchEnd(batch: number): void {
    this.events.push(`${this.name}:batchEnd:${batch}`);
  }
}

describe('CallbackList', () => {
  it('calls every hook on each callback in order and returns undefined when all are sync', () => {
    const events: string[] = [];
    const list = new CallbackList([new Recorder('a', events), new Recorder('b', events)]);
    const result = list.onEpochEnd(2, { loss: 0.5 });
    // No promise at all: the engine has nothing to await, so no microtask tick is spent.
    expect(result).toBeUndefined();
    expect(list.onTrainBatchEnd(0)).toBeUndefined();
    expect(events).toEqual([
      'a:epochEnd:2:0.5',
      'b:epochEnd:2:0.5',
      'a:batchEnd:0',
      'b:batchEnd:0',
    ]);
  });

  it('awaits a returned promise before calling the next callback', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const slow = lambdaCallback({
      onEpochEnd: () =>
        new Promise<void>((resolve) => {
          events.push('slow:start');
          release = () => {
            events.push('slow:done');
            resolve();
          };
        }),
    });
    const list = new CallbackList([new Recorder('a', events), slow, new Recorder('b', events)]);
    const pending = list.onEpochEnd(0, { loss: 1 });
    expect(pending).toBeInstanceOf(Promise);
    // The callback after the slow one has not run yet.
    expect(events).toEqual(['a:epochEnd:0:1', 'slow:start']);
    release();
    await pending;
    expect(events).toEqual(['a:epochEnd:0:1', 'slow:start', 'slow:done', 'b:epochEnd:0:1']);
  });

  it('offers the smallest positive batchLogsEvery, 0 when nobody asks', () => {
    const events: string[] = [];
    expect(new CallbackList([new Recorder('a', events)]).batchLogsEvery).toBe(0);
    const list = new CallbackList([
      new Recorder('a', events, 0),
      new Recorder('b', events, 50),
      new Recorder('c', events, 10),
    ]);
    expect(list.batchLogsEvery).toBe(10);
    list.append(new Recorder('d', events, 3));
    expect(list.batchLogsEvery).toBe(3);
  });

  it('forwards model, params and the first resume epoch', () => {
    class Resumer extends Callback {
      constructor(private readonly epoch: number | undefined) {
        super();
      }
      override resumeEpoch(): number | undefined {
        return this.epoch;
      }
    }
    const plain = lambdaCallback({});
    const list = new CallbackList([plain, new Resumer(undefined), new Resumer(4), new Resumer(7)]);
    expect(list.resumeEpoch()).toBe(4);
    expect(new CallbackList([plain]).resumeEpoch()).toBeUndefined();
    const params = {
      epochs: 3,
      initialEpoch: 0,
      steps: 2,
      samples: 4,
      batchSize: 2,
      verbose: 0 as const,
      metrics: ['loss'],
    };
    list.setParams(params);
    expect(plain.params).toBe(params);
  });

  it('runs every kind of hook', async () => {
    const calls: string[] = [];
    const hooks = Object.fromEntries(CALLBACK_HOOKS.map((n) => [n, () => void calls.push(n)]));
    const list = new CallbackList([lambdaCallback(hooks)]);
    list.onTrainBegin();
    list.onTrainEnd();
    list.onEpochBegin(0);
    list.onEpochEnd(0);
    list.onTrainBatchBegin(0);
    list.onTrainBatchEnd(0);
    list.onTestBegin();
    list.onTestEnd();
    list.onTestBatchBegin(0);
    list.onTestBatchEnd(0);
    list.onPredictBegin();
    list.onPredictEnd();
    list.onPredictBatchBegin(0);
    list.onPredictBatchEnd(0);
    expect(calls).toEqual([...CALLBACK_HOOKS]);
  });

  it('knows whether a callback must see every training batch (else fit may group them)', () => {
    class EpochsOnly extends Callback {
      override onEpochEnd(): void {}
    }
    class EachBatch extends Callback {
      override onTrainBatchBegin(): void {}
    }
    const watching = (callbacks: Callback[]) => new CallbackList(callbacks).watchesEachTrainBatch;
    expect(watching([new History(), new EpochsOnly(), new EarlyStopping()])).toBe(false);
    expect(watching([new ProgbarLogger({ verbose: 1 }), new ProgbarLogger({ verbose: 2 })])).toBe(
      false,
    );
    expect(watching([lambdaCallback({ onEpochEnd: () => {} })])).toBe(false);
    expect(watching([new History(), new EachBatch()])).toBe(true);
    // TerminateOnNaN reads only batches with logs, where groups end; a checkpoint every N
    // batches counts each batch, one saved once per epoch none.
    expect(watching([new TerminateOnNaN({ batchLogsEvery: 5 })])).toBe(false);
    expect(watching([new ModelCheckpoint({ filepath: 'best.keras' })])).toBe(false);
    expect(watching([new ModelCheckpoint({ filepath: 'b.keras', saveFreq: 100 })])).toBe(true);
    // A subclass of one that is fine with groups, with a batch hook of its own, is watched.
    class CountingBar extends ProgbarLogger {
      override onTrainBatchEnd(batch: number, logs?: Logs): void {
        super.onTrainBatchEnd(batch, logs);
      }
    }
    class EveryBatch extends LambdaCallback {
      override onTrainBatchBegin(): void {}
    }
    class NaNWatch extends TerminateOnNaN {
      override onTrainBatchBegin(): void {}
    }
    class Saver extends ModelCheckpoint {
      override onTrainBatchEnd(): void {}
    }
    expect(watching([new CountingBar({ verbose: 1 })])).toBe(true);
    expect(watching([new EveryBatch()])).toBe(true);
    expect(watching([new NaNWatch()])).toBe(true);
    expect(watching([new Saver({ filepath: 'best.keras' })])).toBe(true);
    for (const hook of ['onTrainBatchBegin', 'onTrainBatchEnd', 'onBatchBegin', 'onBatchEnd']) {
      expect(watching([lambdaCallback({ [hook]: () => {} })])).toBe(true);
    }
  });
});
