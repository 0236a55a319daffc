import { Callback, earlyStopping } from '@dendrite/callbacks';
import { dense } from '@dendrite/layers';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { loadModel } from '../io/load.js';
import { sequential } from '../sequential.js';

const own = ownedPerTest();

function classifier(optimizer: unknown = 'adam', loss = 'sparse_categorical_crossentropy') {
  tf.setSeed(3);
  const m = sequential({
    name: 'clf',
    layers: [
      dense({ units: 4, inputShape: [2], activation: 'relu' }),
      dense({ units: 3, activation: 'softmax' }),
    ],
  });
  m.compile({ optimizer: optimizer as string, loss });
  return m;
}

const x16 = () =>
  tf.tensor2d(
    Array.from({ length: 32 }, (_, i) => Math.sin(i)),
    [16, 2],
  );
const sparse16 = () => tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3));

describe('the model owns the optimizer it built', () => {
  it('20 compile/dispose cycles with a name or a config object leave no tensor', async () => {
    const x = own(x16());
    const y = own(sparse16());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const optimizer =
        i % 2 === 0 ? 'adam' : { className: 'Adam', config: { learningRate: 0.01 } };
      const m = classifier(optimizer);
      await m.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
      m.compile({ optimizer: { className: 'RMSprop', config: {} }, loss: 'mse' });
      m.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('20 load/dispose cycles of a model saved with its optimizer leave no tensor', async () => {
    const x = own(x16());
    const y = own(sparse16());
    const m = own(classifier('adam'));
    await m.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await m.save(
      {
        save: async (a) => {
          artifacts = a;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        },
      },
      { includeOptimizer: true },
    );
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const loaded = await loadModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
      const slots = loaded.optimizer?.getWeights() ?? [];
      expect(slots.length).toBeGreaterThan(1);
      tf.dispose(slots.map((s) => s.tensor));
      loaded.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("an optimizer instance stays the caller's; compile() alone uses rmsprop, as Keras", async () => {
    const mine = own(optimizers.sgd({ learningRate: 0.1 }));
    const m = classifier(mine);
    m.dispose();
    // Still usable: the model did not dispose what it did not build.
    const v = own(tf.variable(tf.scalar(1)));
    mine.applyGradients([[tf.scalar(0.5), v]]);
    expect(v.dataSync()[0]).toBeCloseTo(0.95, 6);
    const plain = own(sequential({ layers: [dense({ units: 1, inputShape: [2] })] }));
    plain.compile({ loss: 'mse' });
    expect(plain.optimizer).toBeInstanceOf(optimizers.RMSprop);
  });
});

describe('fit rejects bad data by name, without leaking', () => {
  it('one-hot labels with a sparse loss', async () => {
    const m = own(classifier());
    const x = own(x16());
    const oneHot = own(
      tf.tidy(() =>
        tf.oneHot(
          tf.tensor1d(
            Array.from({ length: 16 }, (_, i) => i % 3),
            'int32',
          ),
          3,
        ),
      ),
    );
    const before = tf.memory().numTensors;
    await expect(m.fit(x, oneHot, { verbose: 0 })).rejects.toThrow(
      'clf.fit: sparse_categorical_crossentropy expects integer class ids of shape [n] or [n,1]; got one-hot [16,3]: use categorical_crossentropy or argmax',
    );
    const ds = [{ xs: x.clone(), ys: oneHot.clone() }];
    await expect(m.fitDataset(ds, { verbose: 0 })).rejects.toThrow('got one-hot [16,3]');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('classWeight with NaN or a negative weight', async () => {
    const m = own(classifier());
    const x = own(x16());
    const y = own(sparse16());
    const before = tf.memory().numTensors;
    await expect(
      m.fit(x, y, { verbose: 0, classWeight: { 0: 1, 1: Number.NaN, 2: 1 } }),
    ).rejects.toThrow('clf.fit: `classWeight[1]` must be a finite number >= 0; received NaN');
    await expect(m.fit(x, y, { verbose: 0, classWeight: { 0: 1, 1: 1, 2: -2 } })).rejects.toThrow(
      'clf.fit: `classWeight[2]` must be a finite number >= 0; received -2',
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('int32 and bool inputs are cast to float as Keras casts them, giving the float numbers', async () => {
    const ints = own(tf.tensor2d([0, 1, 1, 0, 1, 1, 0, 0], [4, 2], 'int32'));
    const bools = own(tf.tensor2d([0, 1, 1, 0, 1, 1, 0, 0], [4, 2], 'bool'));
    const floats = own(tf.tensor2d([0, 1, 1, 0, 1, 1, 0, 0], [4, 2]));
    const y = own(tf.tensor1d([1, 2, 0, 1]));
    const losses: number[][] = [];
    for (const x of [floats, ints, bools]) {
      const m = own(classifier({ className: 'SGD', config: { learningRate: 0.5 } }));
      const history = await m.fit(x, y, { epochs: 2, batchSize: 2, shuffle: false, verbose: 0 });
      losses.push(history.history.loss as number[]);
      // Once the optimizer and trackers exist, no batch or cast is left behind.
      const before = tf.memory().numTensors;
      await m.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
      await m.trainOnBatch(x, y);
      tf.dispose(m.predict(x));
      expect(tf.memory().numTensors).toBe(before);
    }
    expect(losses[1]).toEqual(losses[0]);
    expect(losses[2]).toEqual(losses[0]);
  });
});

describe('one fit at a time, and a breathing event loop', () => {
  it('a second concurrent fit on one model is rejected; the first completes', async () => {
    const m = own(classifier());
    const x = own(x16());
    const y = own(sparse16());
    const first = m.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(
      'clf.fit: another fit() or fitDataset() on this model is still running; await it before starting a new one',
    );
    await expect(m.fitDataset([], { verbose: 0 })).rejects.toThrow('clf.fitDataset: another fit()');
    const history = await first;
    expect(history.epoch).toEqual([0, 1, 2]);
    // Once it is over, the model trains again.
    await m.fit(x, y, { verbose: 0 });
  });

  it('a 10 ms interval keeps ticking during a fit of ~1 s of synchronous work', async () => {
    const m = own(classifier());
    const x = own(x16());
    const y = own(sparse16());
    // Each batch blocks for 5 ms (a stand-in for a heavy step): 200 batches ≈ 1 s.
    const busy = new (class extends Callback {
      override onTrainBatchEnd(): void {
        const until = Date.now() + 5;
        while (Date.now() < until) {}
      }
    })();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      await m.fit(x, y, { epochs: 50, batchSize: 4, verbose: 0, callbacks: busy });
    } finally {
      clearInterval(timer);
    }
    // A yield every ~50 ms of work lets the timer run about 20 times; without yields it runs 0.
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('earlyStopping({restoreBestWeights}) frees its copies when fit throws', async () => {
    const m = own(classifier());
    const x = own(x16());
    const y = own(sparse16());
    await m.fit(x, y, { verbose: 0 });
    const failing = new (class extends Callback {
      override onEpochEnd(epoch: number): void {
        if (epoch === 2) throw new Error('callback failed');
      }
    })();
    const before = tf.memory().numTensors;
    const stopper = earlyStopping({ monitor: 'loss', patience: 5, restoreBestWeights: true });
    await expect(
      m.fit(x, y, { epochs: 5, verbose: 0, callbacks: [stopper, failing] }),
    ).rejects.toThrow('callback failed');
    expect(tf.memory().numTensors).toBe(before);
  });
});
