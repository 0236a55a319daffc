import { dense, input } from '@dendrite/layers';
import { describe, expect, it } from 'vitest';
import { ownedPerTest } from '../../test/owned.js';
import { model } from '../layers-model.js';

const own = ownedPerTest();

describe('getCompileConfig', () => {
  it('is undefined before compile, then gives the loss as given, per-output names and the optimizer', () => {
    const x = input({ shape: [3] });
    const a = dense({ units: 2, activation: 'softmax', name: 'a' }).apply(x) as never;
    const b = dense({ units: 1, name: 'b' }).apply(x) as never;
    const m = own(model({ inputs: x, outputs: [a, b] }));
    expect(m.getCompileConfig()).toBeUndefined();
    const loss = ['sparseCategoricalCrossentropy', 'mse'];
    m.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
    const config = m.getCompileConfig();
    expect(config?.loss).toBe(loss);
    expect(config?.outputLosses).toEqual(['sparse_categorical_crossentropy', 'mean_squared_error']);
    // Keras resolves 'accuracy' per output from its loss.
    expect(config?.outputMetrics).toEqual([['accuracy'], ['accuracy']]);
    expect(config?.optimizer).toBe(m.optimizer);
    expect(config?.optimizer.getClassName()).toBe('Adam');
  });
});
