// The wrappers and the registry import each other; this file loads a wrapper module first (the
// other test files load the registry first) to prove either order defines every class in time.
import { describe, expect, it } from 'vitest';
import { Bidirectional } from './bidirectional.js';

describe('wrapper load order', () => {
  it('resolves wrappers and their inner layers when a wrapper module is loaded first', async () => {
    const { deserializeLayer } = await import('../registry.js');
    const wrapped = deserializeLayer({
      className: 'Bidirectional',
      config: { layer: { className: 'GRU', config: { units: 2 } } },
    });
    expect(wrapped).toBeInstanceOf(Bidirectional);
    const distributed = deserializeLayer({
      className: 'TimeDistributed',
      config: { layer: { className: 'Dense', config: { units: 2 } } },
    });
    expect(distributed.getClassName()).toBe('TimeDistributed');
    wrapped.dispose();
    distributed.dispose();
  });
});
