import { describe, expect, it } from 'vitest';
import { LambdaCallback, lambdaCallback } from './lambda-callback.js';

describe('LambdaCallback', () => {
  it('calls each hook with its index and logs', async () => {
    const seen: string[] = [];
    const callback = lambdaCallback({
      onEpochEnd: (epoch, logs) => {
        seen.push(`epoch ${epoch} ${logs?.loss}`);
      },
      onTrainBatchEnd: (batch) => {
        seen.push(`batch ${batch}`);
      },
    });
    await callback.onTrainBatchEnd(3, { loss: 1 });
    await callback.onEpochEnd(0, { loss: 0.5 });
    expect(seen).toEqual(['batch 3', 'epoch 0 0.5']);
  });

  it('takes the Keras/tfjs-layers aliases onBatchBegin/onBatchEnd for training batches', async () => {
    const seen: string[] = [];
    const callback = new LambdaCallback({
      onBatchBegin: (batch) => {
        seen.push(`alias begin ${batch}`);
      },
      onTrainBatchEnd: async (batch) => {
        await Promise.resolve();
        seen.push(`end ${batch}`);
      },
      onBatchEnd: (batch) => {
        seen.push(`alias end ${batch}`);
      },
    });
    await callback.onTrainBatchBegin(1);
    await callback.onTrainBatchEnd(1);
    await callback.onTestBatchEnd(1);
    expect(seen).toEqual(['alias begin 1', 'end 1', 'alias end 1']);
  });

  it('rejects an unknown hook name and a hook that is not a function', () => {
    expect(() => lambdaCallback({ onEpochFinish: () => {} } as never)).toThrow(
      'LambdaCallback: unknown hook "onEpochFinish"; expected one of onTrainBegin',
    );
    expect(() => lambdaCallback({ onEpochEnd: 3 } as never)).toThrow(
      'LambdaCallback: `onEpochEnd` must be a function; received 3',
    );
  });
});

describe('LambdaCallback batch logs', () => {
  it('asks for every batch’s logs when a batch-end hook is given, unless told otherwise', () => {
    const hook = () => {};
    expect(lambdaCallback({ onEpochEnd: hook }).batchLogsEvery).toBe(0);
    expect(lambdaCallback({ onBatchBegin: hook }).batchLogsEvery).toBe(0);
    expect(lambdaCallback({ onBatchEnd: hook }).batchLogsEvery).toBe(1);
    expect(lambdaCallback({ onTrainBatchEnd: hook }).batchLogsEvery).toBe(1);
    expect(lambdaCallback({ onBatchEnd: hook, batchLogsEvery: 0 }).batchLogsEvery).toBe(0);
    expect(lambdaCallback({ onBatchEnd: hook, batchLogsEvery: 5 }).batchLogsEvery).toBe(5);
  });
});
