import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { ZeroPadding1D, zeroPadding1d } from './zero-padding1d.js';

describe('ZeroPadding1D', () => {
  it('round-trips its config and validates', () => {
    const config = zeroPadding1d({ padding: [0, 3] }).getConfig();
    expect(config).toMatchObject({ padding: [0, 3] });
    expect(zeroPadding1d({ padding: [2, 0] }).computeOutputShape([null, null, 3])).toEqual([
      null,
      null,
      3,
    ]);
    expectConfigRoundTrip(ZeroPadding1D, config);
    expect(() => zeroPadding1d({ padding: 1.5 })).toThrow(
      'ZeroPadding1D: `padding` must be a non-negative integer or [before, after]; received 1.5',
    );
    const x = tf.ones([2, 3]);
    expect(() => zeroPadding1d({ name: 'zp' }).apply(x)).toThrow(
      'zp: expected inputs of rank 3; received shape (2, 3)',
    );
    x.dispose();
  });
});
