import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import type { Constraint } from './constraint.js';
import { maxNorm } from './max-norm.js';
import { type ConstraintName, get, names, register, serialize } from './registry.js';

describe('get / serialize', () => {
  it.each([
    ['maxNorm', 'MaxNorm'],
    ['max_norm', 'MaxNorm'],
    ['MaxNorm', 'MaxNorm'],
    ['nonNeg', 'NonNeg'],
    ['non_neg', 'NonNeg'],
    ['unit_norm', 'UnitNorm'],
    ['minMaxNorm', 'MinMaxNorm'],
    ['min_max_norm', 'MinMaxNorm'],
  ] as const)('%s resolves to %s', (name, className) => {
    expect(serialize(get(name as ConstraintName)).className).toBe(className);
  });

  it('round-trips through serialize and get', () => {
    const stored = serialize(maxNorm({ maxValue: 4, axis: [0, 1] }));
    expect(stored).toEqual({ className: 'MaxNorm', config: { maxValue: 4, axis: [0, 1] } });
    expect(serialize(get(JSON.parse(JSON.stringify(stored))))).toEqual(stored);
  });

  it('returns instances unchanged; unknown names list the valid ones', () => {
    const c = maxNorm();
    expect(get(c)).toBe(c);
    expect(() => get('clip' as ConstraintName)).toThrow(tf.UnknownNameError);
    expect(() => get('clip' as ConstraintName)).toThrow(
      `Unknown constraint "clip"; expected one of: ${names().join(', ')}`,
    );
  });

  it('accepts user registrations under package>Name', () => {
    const clip: Constraint = {
      apply: (w) => tf.clipByValue(w, -1, 1),
      getClassName: () => 'mine>Clip',
      getConfig: () => ({}),
    };
    register('mine>Clip', () => clip);
    expect(get({ className: 'mine>Clip', config: {} })).toBe(clip);
  });
});
