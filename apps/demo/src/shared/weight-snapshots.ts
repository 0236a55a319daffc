import * as dd from 'dendrite';

/**
 * Keeps a host copy of the model's weights at the end of every epoch, so a run can be compared
 * with its best or last epoch afterwards (one device read per epoch).
 * @example const snapshots = new WeightSnapshots(); await model.fit(x, y, { callbacks: [snapshots] });
 */
export class WeightSnapshots extends dd.callbacks.Callback {
  /** `epochs[e]` holds every weight (model order) after 0-based epoch `e`. */
  readonly epochs: Float32Array[][] = [];
  /** The shapes of the weights, in model order. */
  shapes: number[][] = [];

  override async onEpochEnd(epoch: number): Promise<void> {
    const weights = this.model?.getWeights() ?? [];
    try {
      this.shapes = weights.map((w) => [...w.shape]);
      this.epochs[epoch] = await Promise.all(
        weights.map(async (w) => Float32Array.from(await w.data())),
      );
    } finally {
      dd.dispose(weights);
    }
  }

  /** Tensors of the weights after 0-based `epoch`, for `model.setWeights` (caller disposes). */
  tensorsAt(epoch: number): dd.Tensor[] {
    const values = this.epochs[epoch];
    if (!values) throw new RangeError(`WeightSnapshots: no snapshot of epoch ${epoch + 1}`);
    return values.map((v, i) => dd.tensor(v, this.shapes[i]));
  }
}
