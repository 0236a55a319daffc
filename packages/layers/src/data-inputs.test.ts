import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { isDataInput, withDataInputs } from './data-inputs.js';

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
