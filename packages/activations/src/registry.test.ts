import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionActivation } from './activation.js';
import { relu } from './rectifiers.js';
import { type ActivationName, get, names, register, serialize } from './registry.js';

const x = tf.tensor([-2, -0.5, 0, 1.5]);
afterAll(() => x.dispose());

// Every accepted name and the TF.js name it serializes to.
const SERIALIZED: Record<ActivationName, string> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  leakyRelu: 'leakyRelu',
  leaky_relu: 'leakyRelu',
  elu: 'elu',
  selu: 'selu',
  gelu: 'gelu',
  sigmoid: 'sigmoid',
  hardSigmoid: 'hardSigmoid',
  hard_sigmoid: 'hardSigmoid',
  hardSigmoidKeras2: 'hardSigmoidKeras2',
  hard_sigmoid_keras2: 'hardSigmoidKeras2',
  softmax: 'softmax',
  logSoftmax: 'logSoftmax',
  log_softmax: 'logSoftmax',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  silu: 'swish',
  mish: 'mish',
  tanh: 'tanh',
  exponential: 'exponential',
};

describe('get / serialize', () => {
  it.each(Object.entries(SERIALIZED))('%s serializes to %s and round-trips', (name, tfjsName) => {
    const activation = get(name as ActivationName);
    expect(serialize(activation)).toBe(tfjsName);
    expect(activation.getClassName()).toBe(tfjsName);
    const again = get({ className: activation.getClassName(), config: activation.getConfig() });
    expect(again.getConfig()).toEqual(activation.getConfig());
    expect(serialize(again)).toBe(tfjsName);
  });

  it('lists exactly the documented names', () => {
    expect(names()).toEqual(Object.keys(SERIALIZED).sort());
  });

  it('applies the function by name, with snake_case aliases', async () => {
    // hardSigmoid(x) = relu6(x + 3) / 6: [1/6, 2.5/6, 0.5, 4.5/6]
    const y = get('hard_sigmoid').apply(x);
    expectClose(y, [1 / 6, 2.5 / 6, 0.5, 4.5 / 6]);
    y.dispose();
    await expectNoLeak(() => get('mish').apply(x));
    await expectNoLeak(() => get('softmax').apply(x));
  });

  it('keeps options in the config and validates them', () => {
    const leaky = get({ className: 'leakyRelu', config: { alpha: 0.1 } });
    expect(leaky.getConfig()).toEqual({ alpha: 0.1 });
    // alpha 0.1: [-0.2, -0.05, 0, 1.5]
    const y = leaky.apply(x);
    expectClose(y, [-0.2, -0.05, 0, 1.5]);
    y.dispose();
    expect(get('leaky_relu').getConfig()).toEqual({ alpha: 0.2 });
    expect(get('elu').getConfig()).toEqual({ alpha: 1 });
    expect(get('gelu').getConfig()).toEqual({ approximate: false });
    expect(get('softmax').getConfig()).toEqual({ axis: -1 });
    expect(() => get({ className: 'leakyRelu', config: { alpha: -1 } })).toThrow(
      'leakyRelu: `alpha` must be a finite number >= 0; received -1',
    );
    expect(() => get({ className: 'softmax', config: { axis: 'last' } })).toThrow(
      'softmax: `axis` must be an integer; received "last"',
    );
    expect(() => get({ className: 'gelu', config: { approximate: 1 } })).toThrow(
      'gelu: `approximate` must be a boolean; received 1',
    );
    expect(() => get({ className: 'relu', config: { alpha: 1 } })).toThrow(
      'relu: `config key` must be absent (no options); received "alpha"',
    );
    expect(() => get({ className: 'elu', config: { slope: 1 } })).toThrow(
      'elu: `config key` must be one of alpha; received "slope"',
    );
  });

  it('returns an instance unchanged and wraps plain functions', () => {
    const activation = get('tanh');
    expect(get(activation)).toBe(activation);
    expect(serialize(get(relu))).toBe('relu');
    const cubeFunction = (t: tf.Tensor) => tf.pow(t, 3);
    const cube = get(cubeFunction);
    // the bundler may rename the function; the activation takes whatever name it has
    expect(serialize(cube)).toBe(cubeFunction.name);
    expect(serialize(cube)).toMatch(/^cube/);
    const y = cube.apply(x);
    expectClose(y, [-8, -0.125, 0, 3.375]);
    y.dispose();
  });

  it('throws UnknownNameError listing the valid names', () => {
    expect(() => get('relu7' as ActivationName)).toThrow(tf.UnknownNameError);
    expect(() => get('relu7' as ActivationName)).toThrow(
      `Unknown activation "relu7"; expected one of: ${names().join(', ')}`,
    );
  });

  it('accepts user registrations under package>Name', () => {
    register('mine>Square', () => new FunctionActivation('mine>Square', (t) => tf.square(t)));
    const square = get({ className: 'mine>Square', config: {} });
    expect(serialize(square)).toBe('mine>Square');
    const y = square.apply(x);
    expectClose(y, [4, 0.25, 0, 2.25]);
    y.dispose();
  });
});
