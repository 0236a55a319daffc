import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { describeGpuAdapter, type GpuAdapterLike, gpuAdapterRefusal } from './gpu-adapter.js';
import * as tf from './index.js';
import { nodeWebGpuCandidate } from './webgpu-node.js';

const swiftShader: GpuAdapterLike = {
  info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' },
};
const llvmpipe: GpuAdapterLike = {
  info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
};
const cpuType: GpuAdapterLike = { info: { vendor: 'acme', description: 'Acme', type: 'CPU' } };
const fallback: GpuAdapterLike = { info: { vendor: 'acme' }, isFallbackAdapter: true };
const nvidia: GpuAdapterLike = {
  info: {
    vendor: 'nvidia',
    architecture: 'hopper',
    description: 'NVIDIA H100 80GB HBM3',
    type: 'discrete GPU',
  },
};

/** A stand-in for the `webgpu` package whose one adapter is `adapter`. */
function fakeDawn(adapter: GpuAdapterLike | null) {
  return {
    create: () => ({ requestAdapter: async () => adapter }),
    globals: { DendriteFakeGpuGlobal: 1 },
  };
}

/** Registers a 'webgpu' tfjs backend (a cpu one underneath) as tfjs' WebGPU module would. */
async function fakeBackendModule() {
  if (tf.findBackendFactory('webgpu') === null)
    tf.registerBackend('webgpu', () => new MathBackendCPU());
}

const cpu: tf.BackendCandidate = {
  name: 'cpu',
  tfName: 'cpu',
  module: '@tensorflow/tfjs-backend-cpu',
  auto: true,
  load: async () => undefined,
};

function candidates(adapter: GpuAdapterLike | null): tf.BackendCandidate[] {
  return [
    nodeWebGpuCandidate({
      importDawn: async () => fakeDawn(adapter),
      importBackend: fakeBackendModule,
    }),
    cpu,
  ];
}

afterEach(async () => {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  Reflect.deleteProperty(globalThis, 'navigator');
  Reflect.deleteProperty(globalThis, 'DendriteFakeGpuGlobal');
});

describe('gpuAdapterRefusal', () => {
  it('accepts a real GPU and names it in one line', () => {
    expect(gpuAdapterRefusal(nvidia)).toBeUndefined();
    expect(describeGpuAdapter(nvidia)).toBe('NVIDIA H100 80GB HBM3 (nvidia, hopper, discrete GPU)');
  });

  it.each([
    [
      swiftShader,
      'adapter SwiftShader driver 5.0.0 (google, swiftshader) emulates a GPU on the CPU',
    ],
    [llvmpipe, 'adapter llvmpipe (LLVM 15.0.6, 256 bits) (mesa) emulates a GPU on the CPU'],
    [cpuType, 'adapter Acme (acme, CPU) runs on the CPU'],
    [fallback, 'adapter unnamed adapter (acme) is a software fallback'],
    [null, 'no GPU adapter found'],
  ])('refuses %o', (adapter, reason) => {
    expect(gpuAdapterRefusal(adapter)).toBe(reason);
  });
});

describe("Node's WebGPU candidate with injected adapters", () => {
  it("is what 'auto' picks on a real GPU, naming the adapter, with navigator.gpu and the globals installed", async () => {
    const lines: string[] = [];
    const choice = await tf.useBackend('auto', {
      candidates: candidates(nvidia),
      log: (l) => lines.push(l),
    });
    expect(choice.name).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(lines).toEqual([
      'Dendrite backend: webgpu on NVIDIA H100 80GB HBM3 (nvidia, hopper, discrete GPU)',
    ]);
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeDefined();
    expect((globalThis as { DendriteFakeGpuGlobal?: number }).DendriteFakeGpuGlobal).toBe(1);
  });

  it("is skipped by 'auto' on SwiftShader, with the reason", async () => {
    const choice = await tf.useBackend('auto', { candidates: candidates(swiftShader), log: false });
    expect(choice.name).toBe('cpu');
    expect(choice.skipped).toEqual([
      {
        name: 'webgpu',
        reason: 'adapter SwiftShader driver 5.0.0 (google, swiftshader) emulates a GPU on the CPU',
      },
    ]);
  });

  it('runs on SwiftShader when asked for by name', async () => {
    const choice = await tf.useBackend('webgpu', {
      candidates: candidates(swiftShader),
      log: false,
    });
    expect(choice.message).toBe(
      'Dendrite backend: webgpu on SwiftShader driver 5.0.0 (google, swiftshader)',
    );
  });

  it('reports a machine without an adapter, and a missing webgpu package', async () => {
    await expect(
      tf.useBackend('webgpu', { candidates: candidates(null), log: false }),
    ).rejects.toThrow(
      "useBackend: backend 'webgpu' could not start: webgpu: webgpu failed to load: no GPU adapter found (no Vulkan, Metal or D3D12 driver answered)",
    );
    const missing = nodeWebGpuCandidate({
      importDawn: async () => {
        throw Object.assign(new Error("Cannot find package 'webgpu'"), {
          code: 'ERR_MODULE_NOT_FOUND',
        });
      },
      importBackend: fakeBackendModule,
    });
    const choice = await tf.useBackend('auto', { candidates: [missing, cpu], log: false });
    expect(choice.skipped).toEqual([{ name: 'webgpu', reason: 'webgpu is not installed' }]);
  });
});
