import * as tf from '@dendrite/tensor';
import { expectClose } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { l1l2 } from './l1l2.js';
import { get, names, type RegularizerName, register, serialize } from './registry.js';
import type { Regularizer } from './regularizer.js';

describe('get / serialize', () => {
  it.each([
    ['l1', { l1: 0.01, l2: 0 }],
    ['L1', { l1: 0.01, l2: 0 }],
    ['l2', { l1: 0, l2: 0.01 }],
    ['L2', { l1: 0, l2: 0.01 }],
    ['l1l2', { l1: 0.01, l2: 0.01 }],
    ['l1_l2', { l1: 0.01, l2: 0.01 }],
    ['L1L2', { l1: 0.01, l2: 0.01 }],
  ] as const)('%s resolves to L1L2 %j', (name, config) => {
    const reg = get(name as RegularizerName);
    expect(serialize(reg)).toEqual({ className: 'L1L2', config });
  });

  it('reads Keras 3 L1 / L2 configs and TF.js L1L2 configs', () => {
    expect(serialize(get({ className: 'L2', config: { l2: 0.001 } }))).toEqual({
      className: 'L1L2',
      config: { l1: 0, l2: 0.001 },
    });
    expect(serialize(get({ className: 'L1', config: { l1: 0.5 } })).config).toEqual({
      l1: 0.5,
      l2: 0,
    });
    const stored = serialize(l1l2({ l1: 0.2, l2: 0.3 }));
    expect(serialize(get(JSON.parse(JSON.stringify(stored))))).toEqual(stored);
  });

  it('returns instances unchanged; unknown names list the valid ones', () => {
    const reg = l1l2();
    expect(get(reg)).toBe(reg);
    expect(() => get('l3' as RegularizerName)).toThrow(tf.UnknownNameError);
    expect(() => get('l3' as RegularizerName)).toThrow(
      `Unknown regularizer "l3"; expected one of: ${names().join(', ')}`,
    );
  });

  it('accepts user registrations under package>Name', () => {
    const sumReg: Regularizer = {
      apply: (w) => tf.tidy(() => tf.sum(w) as tf.Scalar),
      getClassName: () => 'mine>Sum',
      getConfig: () => ({}),
    };
    register('mine>Sum', () => sumReg);
    const w = tf.tensor([1, 2, 3]);
    const p = get({ className: 'mine>Sum', config: {} }).apply(w);
    expectClose(p, 6);
    tf.dispose([w, p]);
  });
});
