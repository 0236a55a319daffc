import { describe, expect, it } from 'vitest';
import * as dd from './node.js';

describe('the Node entry offers the native backend', () => {
  it("starts '@dendrite/backend-native' by name through the candidate it registered", async () => {
    const choice = await dd.useBackend('native', { log: false });
    expect(choice).toMatchObject({ name: 'native', tfName: 'dendrite-native', skipped: [] });
    // [[1, 2]]·[[3], [4]] = 1·3 + 2·4 = 11
    const product = dd.tf.matMul(dd.tf.tensor2d([[1, 2]]), dd.tf.tensor2d([[3], [4]]));
    expect(Array.from(product.dataSync())).toEqual([11]);
    product.dispose();
    await dd.tf.setBackend('cpu');
  });

  it('turns a package without the candidate export into a skip reason', async () => {
    dd.tf.registerBackendCandidate({
      name: 'native',
      tfName: 'dendrite-native',
      module: '@dendrite/backend-native',
      auto: true,
      priority: 20,
      load: async () => {
        throw new dd.tf.BackendError(
          '@dendrite/backend-native exports no `nativeBackendCandidate`',
        );
      },
    });
    const cpu = {
      name: 'cpu',
      tfName: 'cpu',
      module: 'cpu',
      auto: true,
      load: async () => 0,
    } as const;
    await expect(dd.useBackend('native', { log: false })).rejects.toThrow(
      "useBackend: backend 'native' could not start: native: @dendrite/backend-native failed to load",
    );
    expect((await dd.useBackend('cpu', { log: false, candidates: [cpu] })).name).toBe('cpu');
  });
});
