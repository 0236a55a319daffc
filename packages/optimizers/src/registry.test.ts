import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import * as optimizers from './index.js';
import { get, register, serialize } from './registry.js';

/** The class each lower-case Keras name resolves to. */
const BY_NAME = {
  sgd: optimizers.SGD,
  rmsprop: optimizers.RMSprop,
  adagrad: optimizers.Adagrad,
  adadelta: optimizers.Adadelta,
  adam: optimizers.Adam,
  adamax: optimizers.Adamax,
  nadam: optimizers.Nadam,
  adamw: optimizers.AdamW,
  lion: optimizers.Lion,
};
const CLASSES = Object.entries(BY_NAME);

describe('get', () => {
  it.each(CLASSES)('resolves %s and its class name to a default instance', (name, cls) => {
    const byName = get(name);
    expect(byName).toBeInstanceOf(cls);
    expect(get(cls.className)).toBeInstanceOf(cls);
    expect(byName.getConfig()).toEqual(new cls().getConfig());
  });

  it('uses the Keras class names', () => {
    expect(CLASSES.map(([, cls]) => cls.className)).toEqual([
      'SGD',
      'RMSprop',
      'Adagrad',
      'Adadelta',
      'Adam',
      'Adamax',
      'Nadam',
      'AdamW',
      'Lion',
    ]);
  });

  it('resolves a serialized optimizer and returns instances unchanged', () => {
    const optimizer = new optimizers.Adam({ learningRate: 0.01 });
    expect(get(optimizer)).toBe(optimizer);
    const copy = get(serialize(optimizer));
    expect(copy).toBeInstanceOf(optimizers.Adam);
    expect(copy.currentLearningRate()).toBe(0.01);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => get('adamm')).toThrow(tf.UnknownNameError);
    expect(() => get('adamm')).toThrow(
      /Unknown optimizer "adamm"; expected one of: .*adam, adamax/,
    );
  });

  it('registers user optimizers', () => {
    register('test>Sgd', (config) => new optimizers.SGD({ ...config, momentum: 0.5 }));
    expect((get('test>Sgd') as optimizers.SGD).momentum).toBe(0.5);
  });
});
