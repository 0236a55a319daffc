import * as tf from '@dendrite/tensor';
import type { HostArray } from './data.js';

/**
 * The one watch for NaN and infinity in training data, arrays and datasets alike: bad data is
 * refused with a clear error instead of turning the loss silently into NaN. It reports as soon
 * as it can without a device sync: values already read to the host (tensors given to `fit`,
 * `evaluate` or `predict`) are scanned at once and the first bad one is named with its sample;
 * a dataset's batches stay on the device, where the first bad batch of an epoch is remembered
 * and read with the epoch's one sync ({@link NonFiniteWatch.report}). Never a sync per batch.
 */
export class NonFiniteWatch {
  private first: tf.Scalar | undefined;

  /** @param owner The method in messages (`"clf.fit"`). */
  constructor(private readonly owner: string) {}

  /** Host values named `label` (`x`, `y[1]`, `sampleWeight`): throws now on the first bad one. */
  observe(label: string, values: HostArray): void;
  /** The tensors of dataset batch `step`: noted on the device, reported by `report`. */
  observe(step: number, values: readonly tf.Tensor[]): void;
  observe(where: string | number, values: HostArray | readonly tf.Tensor[]): void {
    if (Array.isArray(values)) {
      this.note(where as number, values as readonly tf.Tensor[]);
      return;
    }
    const { data, rowSize } = values as HostArray;
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (!Number.isFinite(v)) {
        throw new tf.ValueError(
          `${this.owner}: \`${where}\` contains ${v} at sample ${Math.floor(i / rowSize)}; data must be finite`,
        );
      }
    }
  }

  private note(step: number, tensors: readonly tf.Tensor[]): void {
    const next = tf.tidy(() => {
      const bad = tf.addN(
        tensors.map((t) => tf.sum(tf.logicalNot(tf.isFinite(t)).cast('float32'))),
      );
      const here = tf.where(
        tf.greater(bad, 0),
        tf.scalar(step),
        tf.scalar(Number.POSITIVE_INFINITY),
      );
      return (this.first ? tf.minimum(this.first, here) : here) as tf.Scalar;
    });
    this.first?.dispose();
    this.first = next;
  }

  /**
   * Throws if a batch noted since the last call held NaN or infinity, naming the first one
   * (one device sync, only when a batch was noted); forgets what it noted either way.
   */
  report(epoch: number): void {
    const first = this.first;
    this.first = undefined;
    if (!first) return;
    const bad = first.dataSync()[0] as number;
    first.dispose();
    if (Number.isFinite(bad)) {
      throw new tf.ValueError(
        `${this.owner}: batch ${bad} of epoch ${epoch} contains NaN or infinity in \`xs\` or \`ys\`; data must be finite`,
      );
    }
  }

  /** Frees what it noted; idempotent. */
  dispose(): void {
    this.first?.dispose();
    this.first = undefined;
  }
}
