import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { Rescaling, rescaling } from './rescaling.js';

describe('Rescaling', () => {
  it('computes x · scale + offset, casting integers (hand-worked)', async () => {
    // 255 / 127.5 - 1 = 1; 0 → -1; 51 → 0.4 - 1 = -0.6.
    const x = tf.tensor2d([[255, 0, 51]], undefined, 'int32');
    const layer = rescaling({ scale: 1 / 127.5, offset: -1 });
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expect(y.dtype).toBe('float32');
      expectClose(y, [[1, -1, -0.6]]);
      return y;
    });
    x.dispose();
  });

  it('takes one scale and offset per channel', () => {
    // channels: 2·1 + 10 = 12, 3·1 - 1 = 2.
    const x = tf.ones([1, 2, 2]);
    const y = rescaling({ scale: [2, 3], offset: [10, -1] }).apply(x);
    expectClose(y, [
      [
        [12, 2],
        [12, 2],
      ],
    ]);
    tf.dispose([x, y]);
  });

  it('has Keras defaults, keeps the shape and round-trips its config', () => {
    const layer = rescaling({ scale: 0.5, name: 'r' });
    expect(layer.getConfig()).toMatchObject({ scale: 0.5, offset: 0 });
    expect(layer.computeOutputShape([null, 28, 28, 1])).toEqual([null, 28, 28, 1]);
    const config = rescaling({ scale: [1, 2], offset: [0, 1] }).getConfig();
    expectConfigRoundTrip(Rescaling, config);
  });

  it('rejects bad factors, and per-channel factors of the wrong length, leaking nothing', async () => {
    expect(() => rescaling({ scale: Number.NaN })).toThrow(
      'Rescaling: `scale` must be a finite number or a non-empty list of them; received NaN',
    );
    expect(() => rescaling({ scale: 1, offset: [] })).toThrow('Rescaling: `offset` must be');
    const layer = rescaling({ scale: [1, 2, 3], name: 'r3' });
    const x = tf.ones([1, 2]);
    await expectNoLeak(() => {
      expect(() => layer.apply(x)).toThrow(
        'r3: 3 scale/offset values do not match 2 channels (last axis of [1,2])',
      );
    });
    x.dispose();
  });
});
