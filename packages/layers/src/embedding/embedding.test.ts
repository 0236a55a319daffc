import * as tf from '@dendrite/tensor';
import { expectClose, expectMatchesTfjsLayer, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Embedding, type EmbeddingArgs, embedding } from './embedding.js';
import { embeddingLookup } from './embedding-lookup.js';

describe('Embedding', () => {
  it('looks up rows of the table (hand-worked)', () => {
    const layer = embedding({ inputDim: 3, outputDim: 2 });
    layer.build([null, 2]);
    layer.setWeights([
      tf.tensor2d([
        [0, 1],
        [10, 11],
        [20, 21],
      ]),
    ]);
    const x = tf.tensor2d(
      [
        [2, 0],
        [1, 1],
      ],
      [2, 2],
      'int32',
    );
    const y = layer.apply(x);
    expectClose(
      y,
      tf.tensor3d([
        [
          [20, 21],
          [0, 1],
        ],
        [
          [10, 11],
          [10, 11],
        ],
      ]),
    );
    expect(layer.computeOutputShape([null, 2])).toEqual([null, 2, 2]);
    tf.dispose([x, y]);
  });

  it('matches tfjs-layers Embedding, float indices included', () => {
    const ours = embedding({ inputDim: 7, outputDim: 4 });
    const theirs = tfl.layers.embedding({ inputDim: 7, outputDim: 4 });
    const x = tf.tensor2d([
      [0, 6, 3],
      [5, 5, 1],
    ]);
    expectMatchesTfjsLayer(ours, theirs, x, { atol: 1e-6 });
    x.dispose();
  });

  it('draws its default table uniformly from [-0.05, 0.05) (Keras "uniform")', () => {
    const layer = embedding({ inputDim: 50, outputDim: 20 });
    layer.build([null, 1]);
    const values = layer.embeddings?.read().dataSync() as Float32Array;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-0.05);
    expect(Math.max(...values)).toBeLessThan(0.05);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.09);
    expect(layer.getConfig().embeddingsInitializer).toMatchObject({ className: 'RandomUniform' });
  });

  it('rejects indices outside [0, inputDim) with a clear error', () => {
    const layer = embedding({ inputDim: 4, outputDim: 2, name: 'emb_range' });
    for (const bad of [4, -1]) {
      const x = tf.tensor2d([[0, bad]], [1, 2], 'int32');
      expect(() => layer.apply(x)).toThrow(tf.ValueError);
      expect(() => layer.apply(x)).toThrow(
        `emb_range: indices must be integers in [0, 4) (inputDim 4); received ${bad}`,
      );
      x.dispose();
    }
  });

  it('sums the gradient of repeated indices into their rows (hand-worked)', () => {
    const table = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const indices = tf.tensor1d([2, 0, 2], 'int32');
    const upstream = tf.tensor2d([
      [1, 10],
      [100, 1000],
      [2, 20],
    ]);
    const g = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.mul(embeddingLookup(t as tf.Tensor2D, indices), upstream)),
    )(table);
    // Row 0 gets [100, 1000]; row 1 nothing; row 2 gets [1, 10] + [2, 20] = [3, 30].
    expectClose(
      g,
      tf.tensor2d([
        [100, 1000],
        [0, 0],
        [3, 30],
      ]),
    );
    const reference = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, indices), upstream)))(
      table,
    );
    expectClose(g, reference);
    tf.dispose([table, indices, upstream, g, reference]);
  });

  it('gives the padding mask with maskZero', () => {
    const layer = embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const x = tf.tensor2d([[3, 0, 1]], [1, 3], 'int32');
    const mask = layer.computeMask(x) as tf.Tensor;
    expect(Array.from(mask.dataSync())).toEqual([1, 0, 1]);
    expect(embedding({ inputDim: 5, outputDim: 2 }).computeMask(x)).toBeNull();
    tf.dispose([x, mask]);
  });

  it('creates one weight on the first call and leaks nothing after, gradients included', async () => {
    const layer = embedding({ inputDim: 4, outputDim: 3 });
    const x = tf.tensor2d([[1, 2, 1]], [1, 3], 'int32');
    await expectNoLeak(() => layer.apply(x), { delta: 1 });
    await expectNoLeak(() => layer.apply(x));
    const table = layer.embeddings?.read() as tf.Variable;
    await expectNoLeak(() => tf.variableGrads(() => tf.sum(layer.apply(x)) as tf.Scalar, [table]));
    x.dispose();
  });

  it('inputLength declares the input shape, as in Keras 2 and TF.js', () => {
    expect(embedding({ inputDim: 4, outputDim: 2, inputLength: 7 }).batchInputShape).toEqual([
      null,
      7,
    ]);
    expect(
      embedding({ inputDim: 4, outputDim: 2, inputLength: [3, 5], batchSize: 2 }).batchInputShape,
    ).toEqual([2, 3, 5]);
    // An explicit inputShape wins; no inputLength leaves the shape open.
    expect(
      embedding({ inputDim: 4, outputDim: 2, inputLength: 7, inputShape: [9] }).batchInputShape,
    ).toEqual([null, 9]);
    expect(embedding({ inputDim: 4, outputDim: 2 }).batchInputShape).toBeUndefined();
  });

  it('round-trips its config and validates', () => {
    const config = embedding({
      inputDim: 10,
      outputDim: 3,
      maskZero: true,
      inputLength: 5,
    }).getConfig();
    expect(config).toMatchObject({ inputDim: 10, outputDim: 3, maskZero: true, inputLength: 5 });
    expectConfigRoundTrip(Embedding, config);
    expect(() => embedding({ inputDim: 0, outputDim: 3 })).toThrow(
      'Embedding: `inputDim` must be a positive integer; received 0',
    );
    expect(() => embedding({ outputDim: 3 } as EmbeddingArgs)).toThrow(
      '`inputDim` must be a positive integer; received undefined',
    );
    expect(() => embedding({ inputDim: 3, outputDim: 1.5 })).toThrow(
      '`outputDim` must be a positive integer; received 1.5',
    );
  });
});
