import { ValueError } from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import fixtures from '../fixtures/fixtures.json' with { type: 'json' };
import { formatLogValue } from './progbar-logger.js';
import { formatPythonTemplate, pythonFloatRepr } from './python-format.js';

describe('pythonFloatRepr', () => {
  it.each(fixtures.repr)('repr($value) matches Python', ({ value, text }) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });

  it('writes nan, inf and -0.0 like Python', () => {
    expect([NaN, Infinity, -Infinity, -0, 0].map(pythonFloatRepr)).toEqual([
      'nan',
      'inf',
      '-inf',
      '-0.0',
      '0.0',
    ]);
  });
});

describe('formatPythonTemplate', () => {
  it.each(fixtures.format)('$template matches str.format', ({ template, values, text }) => {
    expect(formatPythonTemplate(template, values as unknown as Record<string, number>)).toBe(text);
  });

  it('names the missing field and the available ones', () => {
    expect(() => formatPythonTemplate('ckpt-{val_loss:.2f}', { epoch: 1, loss: 0.5 })).toThrow(
      new ValueError(
        'Failed to format the path template "ckpt-{val_loss:.2f}": no value for {val_loss}; available: epoch, loss',
      ),
    );
  });

  it('rejects d on a fractional value and unknown specs', () => {
    expect(() => formatPythonTemplate('{loss:02d}', { loss: 0.5 })).toThrow(
      "Unknown format code 'd' for `loss` = 0.5 (not an integer)",
    );
    expect(() => formatPythonTemplate('{loss:x}', { loss: 1 })).toThrow(
      "Invalid format specifier 'x' for `loss`",
    );
  });
});

describe('formatLogValue (Keras progress bar rule)', () => {
  it.each(fixtures.progbar)('$value -> $text', ({ value, text }) => {
    expect(formatLogValue(value)).toBe(text);
  });
});
