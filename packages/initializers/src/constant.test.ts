import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { Constant, constant } from './constant.js';
import { Ones, ones } from './ones.js';
import { Zeros, zeros } from './zeros.js';

describe('zeros / ones / constant', () => {
  it('fill with 0, 1 and the value, in the requested dtype', async () => {
    const z = zeros().apply([2, 3]);
    const o = ones().apply([4], 'int32');
    const c = constant({ value: -0.25 }).apply([2, 2]);
    expect(z.shape).toEqual([2, 3]);
    expect(Array.from(z.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(o.dtype).toBe('int32');
    expect(Array.from(o.dataSync())).toEqual([1, 1, 1, 1]);
    expect(Array.from(c.dataSync())).toEqual([-0.25, -0.25, -0.25, -0.25]);
    tf.dispose([z, o, c]);
    await expectNoLeak(() => zeros().apply([3]));
    await expectNoLeak(() => ones().apply([3]));
    await expectNoLeak(() => constant({ value: 2 }).apply([3]));
  });

  it('round-trip their configs', () => {
    for (const init of [zeros(), ones(), constant({ value: 3.5 })]) {
      const cls = { Zeros, Ones, Constant }[init.getClassName() as 'Zeros' | 'Ones' | 'Constant'];
      const again = cls.fromConfig(init.getConfig());
      expect(again.getClassName()).toBe(init.getClassName());
      expect(again.getConfig()).toEqual(init.getConfig());
    }
    expect(constant({ value: 3.5 }).getConfig()).toEqual({ value: 3.5 });
  });

  it('validate their configs and shapes', () => {
    expect(() => constant({ value: Number.POSITIVE_INFINITY })).toThrow(
      'Constant: `value` must be a finite number; received Infinity',
    );
    expect(() => Constant.fromConfig({})).toThrow(
      'Constant: `value` must be a finite number; received undefined',
    );
    expect(() => Zeros.fromConfig({ value: 1 })).toThrow(
      'Zeros: `config key` must be absent (no options); received "value"',
    );
    expect(() => zeros().apply([2, -1])).toThrow(tf.ShapeError);
    expect(() => zeros().apply([2, 1.5])).toThrow(
      'Zeros: `shape` must be an array of non-negative integers; received [2, 1.5]',
    );
  });
});
