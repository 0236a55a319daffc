import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { addonCalls, describeKernels, randomTensor } from '../test/compare-backends.js';

describeKernels('DendriteSoftmaxAccuracy on dendrite-native', () => {
  it('counts the hits of argmax(softmax) as the native Softmax and ArgMax kernels do, ties included', () => {
    tf.tidy(() => {
      // Random rows, then rows whose top two logits tie exactly or round to the same probability.
      const logits = tf.concat([
        randomTensor([40, 7], 1),
        tf.tensor2d([
          [1, 3, 3, 0, 0, 0, 0],
          [20, 20 + 1e-6, 0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0, 0, 0],
          // The second logit is one float32 step above the first, so close that both
          // probabilities round to the same value: the first wins, as in Keras.
          [0.1, 0.10000001, 0, 0, 0, 0, 0],
        ]),
      ]);
      const labels = tf
        .oneHot(
          Array.from({ length: 44 }, (_, i) =>
            i === 40 ? 2 : i === 41 ? 1 : i === 43 ? 0 : i % 7,
          ),
          7,
        )
        .cast('float32');
      const before = addonCalls.softmaxAccuracy ?? 0;
      const hits = tf
        .engine()
        .runKernel(tf.DendriteSoftmaxAccuracy, { logits, labels }) as tf.Tensor;
      const composed = tf.sum(
        tf.cast(tf.equal(tf.argMax(labels, -1), tf.argMax(tf.softmax(logits), -1)), 'float32'),
      );
      expect(addonCalls.softmaxAccuracy).toBe(before + 1);
      expect(hits.dataSync()[0]).toBe(composed.dataSync()[0]);
      expect(hits.dataSync()[0]).toBeGreaterThan(3);
      // The tie row counts as a hit: its first probability is a largest one.
      const tieRow = tf.softmax(logits).slice([43, 0], [1, 7]).dataSync();
      expect(tieRow[0]).toBe(tieRow[1]);
    });
  });
});
