import { describe, expect, it } from 'vitest';
import { UnknownNameError } from './errors.js';
import { type ConfigDict, Registry } from './serialization.js';

class Scale {
  constructor(readonly factor: number) {}
}
const registry = new Registry<Scale>(
  'scale',
  { double: () => new Scale(2), Scale: (config: ConfigDict) => new Scale(config.factor as number) },
  (value): value is Scale => value instanceof Scale,
);

describe('Registry', () => {
  it('resolves names, configs and instances', () => {
    expect(registry.get('double').factor).toBe(2);
    expect(registry.get({ className: 'Scale', config: { factor: 5 } }).factor).toBe(5);
    const ready = new Scale(9);
    expect(registry.get(ready)).toBe(ready);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => registry.get('triple')).toThrow(UnknownNameError);
    expect(() => registry.get('triple')).toThrow(
      'Unknown scale "triple"; expected one of: Scale, double',
    );
  });

  it('accepts user registrations under package>Name keys', () => {
    registry.register('mine>Half', () => new Scale(0.5));
    expect(registry.get('mine>Half').factor).toBe(0.5);
  });
});
