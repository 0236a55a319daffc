import * as tf from '@dendrite/tensor';
import { Adam, type AdamArgs } from './adam.js';

/** Config of {@link adamw}: {@link AdamArgs} with a weight decay that is always set. */
export interface AdamWArgs extends AdamArgs {
  /** Decoupled weight decay, `w -= w * weightDecay * lr` each step. @defaultValue 0.004 */
  readonly weightDecay?: number;
}

const DEFAULTS = Object.freeze({ weightDecay: 0.004 });

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam with decoupled weight decay, Keras 3 defaults.
 */
export class AdamW extends Adam {
  static override readonly className: string = 'AdamW';

  constructor(args: AdamWArgs = {}) {
    super({
      ...args,
      weightDecay: tf.checkNumber(
        'AdamW',
        'weightDecay',
        args.weightDecay ?? DEFAULTS.weightDecay,
        {
          min: 0,
        },
      ),
    });
  }
}

/**
 * Creates an {@link AdamW} optimizer.
 * @example const optimizer = adamw({ learningRate: 0.001, weightDecay: 0.01 });
 */
export function adamw(args: AdamWArgs = {}): AdamW {
  return new AdamW(args);
}
