import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { deserializeLayer } from '../registry.js';
import { RandomFlip, randomFlip } from './random-flip.js';

// Eight 2×3 single-channel images whose flips are all distinct.
const batch = () => tf.tidy(() => tf.reshape(tf.range(0, 48), [8, 2, 3, 1]));

/** Which of `none`, `horizontal`, `vertical`, `both` each output image is. */
function classify(x: tf.Tensor, y: tf.Tensor): string[] {
  const candidates = {
    none: x,
    horizontal: tf.reverse(x, 2),
    vertical: tf.reverse(x, 1),
    both: tf.reverse(x, [1, 2]),
  };
  const out = y.arraySync() as number[][][][];
  const result = out.map((image, i) => {
    const match = Object.entries(candidates).find(
      ([, c]) => JSON.stringify((c.arraySync() as number[][][][])[i]) === JSON.stringify(image),
    );
    return match ? match[0] : 'other';
  });
  tf.dispose([candidates.horizontal, candidates.vertical, candidates.both]);
  return result;
}

describe('RandomFlip', () => {
  it('is the identity in inference', async () => {
    const x = batch();
    const layer = randomFlip({ seed: 1 });
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expectClose(y, x, { atol: 0 });
      const z = layer.apply(x, { training: false });
      expectClose(z, x, { atol: 0 });
      return [y, z];
    });
    x.dispose();
  });

  it.each([
    ['horizontal', ['none', 'horizontal']],
    ['vertical', ['none', 'vertical']],
    // Keras 3 flips both axes on the same draw.
    ['horizontalAndVertical', ['none', 'both']],
  ] as const)('in training, flips each image (%s) on its own coin', async (mode, kinds) => {
    const x = batch();
    const layer = randomFlip({ mode, seed: 7 });
    const seen = new Set<string>();
    await expectNoLeak(() => {
      for (let i = 0; i < 4; i++) {
        const y = layer.apply(x, { training: true });
        for (const kind of classify(x, y)) seen.add(kind);
        y.dispose();
      }
    });
    // 32 fair coins: both outcomes occur, nothing else does.
    expect([...seen].sort()).toEqual([...kinds].sort());
    x.dispose();
  });

  it('repeats its draws for the same seed', () => {
    const x = batch();
    const a = randomFlip({ seed: 3 }).apply(x, { training: true });
    const b = randomFlip({ seed: 3 }).apply(x, { training: true });
    expectClose(a, b, { atol: 0 });
    tf.dispose([x, a, b]);
  });

  it('has Keras defaults and round-trips its config; rejects a bad mode', () => {
    const config = randomFlip().getConfig();
    expect(config).toMatchObject({ mode: 'horizontalAndVertical', seed: null });
    expect(RandomFlip.fromConfig(config).getConfig()).toEqual(config);
    const seeded = randomFlip({ mode: 'vertical', seed: 4 }).getConfig();
    expect(deserializeLayer({ className: 'RandomFlip', config: seeded }).getConfig()).toEqual(
      seeded,
    );
    expect(() => randomFlip({ mode: 'diagonal' as never })).toThrow(
      "RandomFlip: `mode` must be one of 'horizontal', 'vertical', 'horizontalAndVertical'; received \"diagonal\"",
    );
  });
});
