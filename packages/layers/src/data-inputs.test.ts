import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { isDataInput, markDerivedData, withDataInputs } from './data-inputs.js';

describe('withDataInputs', () => {
  it('marks the tensors only while the step runs, also when it throws', () => {
    const x = tf.ones([2, 2]);
    const other = tf.zeros([2]);
    const seen = withDataInputs([x], () => [isDataInput(x), isDataInput(other)]);
    expect(seen).toEqual([true, false]);
    expect(isDataInput(x)).toBe(false);
    expect(() =>
      withDataInputs([x], () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isDataInput(x)).toBe(false);
    tf.dispose([x, other]);
  });

  it('leaves a mark made by an outer call in place', () => {
    const x = tf.ones([1]);
    withDataInputs([x], () => {
      withDataInputs([x], () => undefined);
      expect(isDataInput(x)).toBe(true);
    });
    expect(isDataInput(x)).toBe(false);
    x.dispose();
  });
});

describe('markDerivedData', () => {
  it('marks a rearranged batch as data for the rest of the step only', () => {
    const x = tf.ones([2, 3, 2]);
    const flat = tf.reshape(x, [2, 6]);
    const other = tf.ones([2, 6]);
    const seen = withDataInputs([x], () => {
      markDerivedData(x, flat);
      markDerivedData(other, other);
      return [isDataInput(flat), isDataInput(other)];
    });
    expect(seen).toEqual([true, false]);
    expect(isDataInput(flat)).toBe(false);
    // Outside a step nothing is marked.
    markDerivedData(x, flat);
    expect(isDataInput(flat)).toBe(false);
    tf.dispose([x, flat, other]);
  });
});
