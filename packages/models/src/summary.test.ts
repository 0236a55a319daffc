import { dense, input } from '@dendrite/layers';
import { describe, expect, it } from 'vitest';
import { model } from './layers-model.js';
import { sequential } from './sequential.js';

describe('summary', () => {
  it('prints the Keras table of a sequential model', () => {
    const m = sequential({
      name: 'mnist',
      layers: [
        dense({ name: 'hidden', units: 100, inputShape: [784] }),
        dense({ name: 'out', units: 10, activation: 'softmax' }),
      ],
    });
    const lines: string[] = [];
    m.summary(undefined, undefined, (line) => lines.push(line));
    // Columns end at 65 * [0.45, 0.85, 1] = [29, 55, 65].
    // hidden: 784 * 100 + 100 = 78,500; out: 100 * 10 + 10 = 1,010; total 79,510.
    expect(lines).toEqual([
      'Model: "mnist"',
      '_________________________________________________________________',
      'Layer (type)                 Output Shape              Param #',
      '=================================================================',
      'hidden (Dense)               (None, 100)               78,500',
      '_________________________________________________________________',
      'out (Dense)                  (None, 10)                1,010',
      '=================================================================',
      'Total params: 79,510',
      'Trainable params: 79,510',
      'Non-trainable params: 0',
      '_________________________________________________________________',
    ]);
    m.getLayer('hidden').trainable = false;
    const frozen: string[] = [];
    m.summary(undefined, undefined, (line) => frozen.push(line));
    expect(frozen.slice(-4, -1)).toEqual([
      'Total params: 79,510',
      'Trainable params: 1,010',
      'Non-trainable params: 78,500',
    ]);
    m.dispose();
  });

  it('adds the Connected to column for a graph with two inputs', () => {
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const shared = dense({ name: 'shared', units: 2 });
    const m = model({ name: 'two', inputs: [a, b], outputs: [shared.apply(a), shared.apply(b)] });
    const lines: string[] = [];
    m.summary(80, [0.3, 0.5, 0.6, 1], (line) => lines.push(line));
    // Columns end at [24, 40, 48, 80]; shared: 3 * 2 + 2 = 8 parameters, called twice.
    expect(lines).toEqual([
      'Model: "two"',
      '_'.repeat(80),
      'Layer (type)            Output Shape    Param # Connected to',
      '='.repeat(80),
      'a (InputLayer)          (None, 3)       0',
      '_'.repeat(80),
      'b (InputLayer)          (None, 3)       0',
      '_'.repeat(80),
      'shared (Dense)          [(None, 2), (Non8       a[0][0]',
      '                                                b[0][0]',
      '='.repeat(80),
      'Total params: 8',
      'Trainable params: 8',
      'Non-trainable params: 0',
      '_'.repeat(80),
    ]);
    m.dispose();
  });
});
