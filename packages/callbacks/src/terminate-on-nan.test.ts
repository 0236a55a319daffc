import { describe, expect, it } from 'vitest';
import { FakeModel, fakeFit } from '../test/fake-model.js';
import { lambdaCallback } from './lambda-callback.js';
import { terminateOnNaN } from './terminate-on-nan.js';

async function run(bad: number, batchLogsEvery: number) {
  const model = new FakeModel();
  const messages: string[] = [];
  const batches: string[] = [];
  let epoch = 0;
  const history = await fakeFit(model, {
    epochs: 3,
    callbacks: [
      lambdaCallback({
        onEpochBegin: (e) => {
          epoch = e;
        },
        onTrainBatchEnd: (b) => void batches.push(`${epoch}:${b}`),
        batchLogsEvery: 0,
      }),
      terminateOnNaN({ batchLogsEvery, write: (t) => void messages.push(t) }),
    ],
    batchLoss: (epoch, batch, loss) => (epoch === 1 && batch === 1 ? bad : loss),
  });
  model.dispose();
  return { history, messages, batches };
}

describe('TerminateOnNaN', () => {
  it('stops at the batch whose logged loss is NaN', async () => {
    const { history, messages, batches } = await run(Number.NaN, 1);
    // Epoch 1 ends after its batch 1; epoch 2 never starts.
    expect(batches.slice(-2)).toEqual(['1:0', '1:1']);
    expect(history.epoch).toEqual([0, 1]);
    expect(messages).toEqual(['Batch 1: Invalid loss, terminating training']);
  });

  it('catches an infinite loss at epoch end when no batch logs are computed', async () => {
    const { history, messages, batches } = await run(Number.POSITIVE_INFINITY, 0);
    expect(batches.filter((b) => b.startsWith('1:'))).toHaveLength(4);
    expect(history.epoch).toEqual([0, 1]);
    expect(messages).toEqual(['Epoch 2: Invalid loss, terminating training']);
  });

  it('leaves a finite run alone', async () => {
    const model = new FakeModel();
    const history = await fakeFit(model, { epochs: 2, callbacks: [terminateOnNaN()] });
    expect(history.epoch).toEqual([0, 1]);
    model.dispose();
  });
});
