import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { get, register, serialize } from './registry.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

const CLASSES = [
  ['sgd', SGD],
  ['rmsprop', RMSprop],
  ['adagrad', Adagrad],
  ['adadelta', Adadelta],
  ['adam', Adam],
  ['adamax', Adamax],
  ['nadam', Nadam],
  ['adamw', AdamW],
  ['lion', Lion],
] as const;

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
    const optimizer = new Adam({ learningRate: 0.01 });
    expect(get(optimizer)).toBe(optimizer);
    const copy = get(serialize(optimizer));
    expect(copy).toBeInstanceOf(Adam);
    expect(copy.currentLearningRate()).toBe(0.01);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => get('adamm')).toThrow(tf.UnknownNameError);
    expect(() => get('adamm')).toThrow(
      /Unknown optimizer "adamm"; expected one of: .*adam, adamax/,
    );
  });

  it('registers user optimizers', () => {
    register('test>Sgd', (config) => new SGD({ ...config, momentum: 0.5 }));
    expect((get('test>Sgd') as SGD).momentum).toBe(0.5);
  });
});
