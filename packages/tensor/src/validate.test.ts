import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import {
  booleanOption,
  checkBoolean,
  checkChoice,
  checkNumber,
  numberOption,
  resolveOptions,
} from './validate.js';

describe('checkNumber', () => {
  it('returns an accepted value unchanged', () => {
    expect(checkNumber('Owner', 'rate', 0, { min: 0, max: 1, maxExclusive: true })).toBe(0);
    expect(checkNumber('Owner', 'units', 7, { min: 1, integer: true })).toBe(7);
  });

  it('words two bounds as an interval with its open and closed ends', () => {
    expect(() => checkNumber('Dropout', 'rate', 1, { min: 0, max: 1, maxExclusive: true })).toThrow(
      'Dropout: `rate` must be a finite number in [0, 1); received 1',
    );
    expect(() =>
      checkNumber('Lion', 'beta1', 0, { min: 0, minExclusive: true, max: 1, maxExclusive: true }),
    ).toThrow('Lion: `beta1` must be a finite number in (0, 1); received 0');
    expect(() => checkNumber('Owner', 'seed', 1.5, { min: 0, max: 10, integer: true })).toThrow(
      'Owner: `seed` must be an integer in [0, 10]; received 1.5',
    );
  });

  it('words one bound or none as a comparison', () => {
    expect(() => checkNumber('Huber', 'delta', 0, { min: 0, minExclusive: true })).toThrow(
      'Huber: `delta` must be a finite number > 0; received 0',
    );
    expect(() => checkNumber('Owner', 'x', 3, { max: 2 })).toThrow(
      'Owner: `x` must be a finite number <= 2; received 3',
    );
    expect(() => checkNumber('Owner', 'x', Number.NaN)).toThrow(
      'Owner: `x` must be a finite number; received NaN',
    );
    expect(() => checkNumber('Owner', 'x', 1)).not.toThrow();
  });
});

describe('checkBoolean and checkChoice', () => {
  it('accept their values and name the argument otherwise', () => {
    expect(checkBoolean('AUC', 'multiLabel', false)).toBe(false);
    expect(() => checkBoolean('AUC', 'multiLabel', 'yes')).toThrow(ConfigError);
    expect(() => checkBoolean('AUC', 'multiLabel', 'yes')).toThrow(
      'AUC: `multiLabel` must be a boolean; received "yes"',
    );
    expect(checkChoice('Loss', 'reduction', 'sum', ['sum', 'none'])).toBe('sum');
    expect(() => checkChoice('Loss', 'reduction', 'mean', ['sum', 'none'])).toThrow(
      "Loss: `reduction` must be one of 'sum', 'none'; received \"mean\"",
    );
  });
});

describe('resolveOptions', () => {
  it('applies defaults and checks each field in the order of the checks', () => {
    const checks = {
      delta: numberOption(1, { min: 0, minExclusive: true }),
      fromLogits: booleanOption(false),
    };
    const resolved = resolveOptions<{ delta: number; fromLogits: boolean }>('Owner', checks, {
      fromLogits: true,
    });
    expect(Object.entries(resolved)).toEqual([
      ['delta', 1],
      ['fromLogits', true],
    ]);
    // Both fields are bad; the first check in order reports.
    expect(() => resolveOptions('Owner', checks, { delta: 0, fromLogits: 1 })).toThrow(
      'Owner: `delta` must be a finite number > 0; received 0',
    );
    expect(() => resolveOptions('Owner', checks, { fromLogits: 1 })).toThrow(
      'Owner: `fromLogits` must be a boolean; received 1',
    );
  });
});
