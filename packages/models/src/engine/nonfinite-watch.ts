import * as tf from '@dendrite/tensor';

/**
 * Remembers, on the device, the first batch of an epoch holding NaN or infinity, so a dataset's
 * bad data is reported at the epoch's end (with the one sync that reads the logs) instead of
 * turning the loss silently into NaN. No device sync per batch.
 */
export class NonFiniteWatch {
  private first: tf.Scalar | undefined;

  /** Notes batch `step` if any of `tensors` holds a value that is not finite. */
  observe(step: number, tensors: readonly tf.Tensor[]): void {
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

  /** The first bad batch since the last call (one device sync), or undefined; resets. */
  take(): number | undefined {
    const first = this.first;
    this.first = undefined;
    if (!first) return undefined;
    const value = first.dataSync()[0] as number;
    first.dispose();
    return Number.isFinite(value) ? value : undefined;
  }

  dispose(): void {
    this.first?.dispose();
    this.first = undefined;
  }
}
