import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as activations from '@dendrite/activations';
import * as callbacks from '@dendrite/callbacks';
import * as callbacksNode from '@dendrite/callbacks/node';
import * as constraints from '@dendrite/constraints';
import * as data from '@dendrite/data';
import * as dataNode from '@dendrite/data/node';
import * as initializers from '@dendrite/initializers';
import * as layers from '@dendrite/layers';
import * as losses from '@dendrite/losses';
import * as metrics from '@dendrite/metrics';
import * as models from '@dendrite/models';
import * as optimizers from '@dendrite/optimizers';
import * as regularizers from '@dendrite/regularizers';
import * as tensor from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import * as shared from './index.js';
import * as dd from './node.js';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('dendrite namespace', () => {
  it('re-exports every package as one namespace, with no logic of its own', () => {
    // Same function objects as the packages: the facade adds nothing.
    const same: [unknown, unknown, string][] = [
      [dd.layers.dense, layers.dense, 'dd.layers.dense'],
      [dd.layers.dropout, layers.dropout, 'dd.layers.dropout'],
      [dd.activations.relu, activations.relu, 'dd.activations.relu'],
      [dd.initializers.glorotUniform, initializers.glorotUniform, 'dd.initializers.glorotUniform'],
      [dd.regularizers.l2, regularizers.l2, 'dd.regularizers.l2'],
      [dd.constraints.maxNorm, constraints.maxNorm, 'dd.constraints.maxNorm'],
      [dd.losses.get, losses.get, 'dd.losses.get'],
      [dd.metrics.get, metrics.get, 'dd.metrics.get'],
      [dd.optimizers.adam, optimizers.adam, 'dd.optimizers.adam'],
      [dd.sequential, models.sequential, 'dd.sequential'],
      [dd.model, models.model, 'dd.model'],
      [dd.input, layers.input, 'dd.input'],
      [dd.loadModel, models.loadModel, 'dd.loadModel'],
      [dd.useBackend, tensor.useBackend, 'dd.useBackend'],
      [dd.setSeed, tensor.setSeed, 'dd.setSeed'],
      [dd.tensor, tensor.tensor, 'dd.tensor'],
      [dd.tidy, tensor.tidy, 'dd.tidy'],
      [dd.dispose, tensor.dispose, 'dd.dispose'],
      [dd.memory, tensor.memory, 'dd.memory'],
      [dd.tf.matMul, tensor.matMul, 'dd.tf.matMul'],
    ];
    for (const [ours, theirs, name] of same) expect(ours, name).toBe(theirs);
  });

  it('adds the Node loaders and file callbacks only on the Node entry', () => {
    expect(dd.data.loadFashionMnist).toBe(dataNode.loadFashionMnist);
    expect(dd.data.loadMnist).toBe(dataNode.loadMnist);
    expect(dd.data.trainTestSplit).toBe(data.trainTestSplit);
    expect(dd.callbacks.earlyStopping).toBe(callbacks.earlyStopping);
    expect(dd.callbacks.progbarLogger).toBe(callbacks.progbarLogger);
    expect(dd.callbacks.csvLogger).toBe(callbacksNode.csvLogger);
    // The shared (browser) namespace has no Node built-ins behind it.
    expect('loadFashionMnist' in shared.data).toBe(false);
    expect('csvLogger' in shared.callbacks).toBe(false);
    expect(shared.data.trainTestSplit).toBe(data.trainTestSplit);
  });
});

/** 12 samples of 2 features; class 1 exactly when x0 + x1 > 0. */
function problem() {
  const rows = Array.from({ length: 12 }, (_, i) => [Math.sin(i * 1.3), Math.cos(i * 0.9)]);
  const labels = rows.map(([a, b]) => ((a as number) + (b as number) > 0 ? 1 : 0));
  return { rows, labels };
}

describe('end to end through the facade', () => {
  it('sequential → compile → fit 2 epochs → evaluate, matching a hand-computed loss', async () => {
    dd.setSeed(7);
    const { rows, labels } = problem();
    const x = dd.tf.tensor2d(rows);
    const y = dd.tf.tensor1d(labels);
    const net = dd.sequential({
      layers: [
        dd.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }),
        dd.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    net.compile({
      optimizer: dd.optimizers.adam({ learningRate: 0.05 }),
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const history = await net.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.epoch).toEqual([0, 1]);
    expect(history.history.loss).toHaveLength(2);
    expect(history.history.accuracy).toHaveLength(2);

    const result = await net.evaluate(x, y, { verbose: 0 });
    // Independent reference: mean over samples of -log p(true class) from predict(), and the
    // fraction of rows whose argmax is the label.
    const probs = (net.predict(x) as shared.Tensor).arraySync() as number[][];
    const nll = probs.map((p, i) => -Math.log(p[labels[i] as number] as number));
    const expectedLoss = nll.reduce((a, b) => a + b, 0) / nll.length;
    const hits = probs.filter(
      (p, i) => ((p[1] as number) > (p[0] as number) ? 1 : 0) === labels[i],
    );
    expectClose(result.loss as number, expectedLoss, { rtol: 1e-5, atol: 1e-6 });
    expect(result.accuracy).toBeCloseTo(hits.length / labels.length, 6);
    dd.dispose([x, y]);
    net.dispose();
  });

  it('saves to and loads from file:// on Node (the entry registers the handler)', async () => {
    dd.setSeed(3);
    const folder = await mkdtemp(join(tmpdir(), 'dendrite-facade-'));
    folders.push(folder);
    const net = dd.sequential({
      layers: [dd.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })],
    });
    await net.save(`file://${folder}`);
    expect((await readdir(folder)).filter((f) => f === 'model.json')).toHaveLength(1);
    const loaded = await dd.loadModel(`file://${folder}/model.json`);
    const x = dd.tf.tensor2d([
      [0.5, -1],
      [2, 0.25],
    ]);
    const a = net.predict(x) as shared.Tensor;
    const b = loaded.predict(x) as shared.Tensor;
    expectClose(b, a, { rtol: 0, atol: 0 });
    dd.dispose([x, a, b]);
    net.dispose();
    loaded.dispose();
  });

  it('leaks no tensors over fit and evaluate', async () => {
    const { rows, labels } = problem();
    const x = dd.tf.tensor2d(rows);
    const y = dd.tf.tensor1d(labels);
    const net = dd.sequential({
      layers: [dd.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })],
    });
    net.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    // Warm up once so the optimizer's slots exist before counting.
    await net.fit(x, y, { epochs: 1, verbose: 0 });
    await expectNoLeak(async () => {
      await net.fit(x, y, { epochs: 2, verbose: 0 });
      await net.evaluate(x, y, { verbose: 0 });
    });
    dd.dispose([x, y]);
    net.dispose();
  });
});
