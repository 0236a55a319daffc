import '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeCandidates } from './backend-registry.js';
import * as tf from './index.js';
import { platformCandidates } from './platform-node.js';

const silent = { log: false } as const;

/** A stand-in for tfjs-node(-gpu): registers a backend named `tfName`, as the real module would. */
function fakeModule(tfName: string, name: tf.BackendCandidate['name'], module: string) {
  return {
    name,
    tfName,
    module,
    auto: true,
    load: async () => {
      const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
      if (tf.findBackendFactory(tfName) === null)
        tf.registerBackend(tfName, () => new MathBackendCPU());
    },
  } satisfies tf.BackendCandidate;
}

function missingModule(name: tf.BackendCandidate['name'], module: string): tf.BackendCandidate {
  return {
    name,
    tfName: name,
    module,
    auto: true,
    load: () =>
      import(/* @vite-ignore */ `${module}-definitely-not-installed`).catch((error) => {
        // Re-throw as Node does for the module itself, so the reason names it.
        throw Object.assign(new Error(`Cannot find package '${module}'`), {
          code: (error as { code?: string }).code ?? 'ERR_MODULE_NOT_FOUND',
        });
      }),
  };
}

function brokenModule(name: tf.BackendCandidate['name'], module: string): tf.BackendCandidate {
  return {
    name,
    tfName: 'tensorflow',
    module,
    auto: true,
    load: async () => {
      throw new Error('libcudart.so.11.0: cannot open shared object file\nmore detail');
    },
  };
}

const cpu: tf.BackendCandidate = {
  name: 'cpu',
  tfName: 'cpu',
  module: '@tensorflow/tfjs-backend-cpu',
  auto: true,
  load: () => import('@tensorflow/tfjs-backend-cpu'),
};

afterEach(async () => {
  await tf.setBackend('cpu');
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
});

describe('useBackend with injected modules', () => {
  it('picks tfjs-node-gpu when it loads, and says so', async () => {
    const lines: string[] = [];
    const choice = await tf.useBackend('auto', {
      candidates: [fakeModule('tensorflow', 'tensorflow-gpu', '@tensorflow/tfjs-node-gpu'), cpu],
      log: (line) => lines.push(line),
    });
    expect(choice.name).toBe('tensorflow-gpu');
    expect(tf.getBackend()).toBe('tensorflow');
    expect(lines).toEqual(['Dendrite backend: tensorflow-gpu']);
  });

  it('falls to tfjs-node when the GPU build is absent', async () => {
    const choice = await tf.useBackend('auto', {
      candidates: [
        missingModule('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'),
        fakeModule('tensorflow', 'tensorflow', '@tensorflow/tfjs-node'),
        cpu,
      ],
      ...silent,
    });
    expect(choice.name).toBe('tensorflow');
    expect(choice.message).toBe('Dendrite backend: tensorflow');
    expect(choice.skipped).toEqual([
      { name: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu is not installed' },
    ]);
    expect(tf.backendChoice()).toBe(choice);
  });

  it('falls past a GPU build whose CUDA libraries are missing, quoting the first line', async () => {
    const choice = await tf.useBackend('auto', {
      candidates: [
        brokenModule('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'),
        missingModule('tensorflow', '@tensorflow/tfjs-node'),
        cpu,
      ],
      ...silent,
    });
    expect(choice.name).toBe('cpu');
    expect(choice.skipped).toEqual([
      {
        name: 'tensorflow-gpu',
        reason:
          '@tensorflow/tfjs-node-gpu failed to load: libcudart.so.11.0: cannot open shared object file',
      },
      { name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' },
    ]);
  });

  it('rejects a named backend that cannot start instead of falling back', async () => {
    await expect(
      tf.useBackend('tensorflow-gpu', {
        candidates: [brokenModule('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'), cpu],
        ...silent,
      }),
    ).rejects.toThrow(
      "useBackend: backend 'tensorflow-gpu' could not start: tensorflow-gpu: @tensorflow/tfjs-node-gpu failed to load: libcudart.so.11.0",
    );
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects a name the platform does not offer', async () => {
    await expect(tf.useBackend('webgl', { candidates: [cpu], ...silent })).rejects.toThrow(
      "useBackend: `name` must be 'auto' or one of 'cpu' on this platform; received \"webgl\"",
    );
  });

  it('reports a module that loads but registers nothing', async () => {
    await expect(
      tf.useBackend('tensorflow', {
        candidates: [{ ...cpu, name: 'tensorflow', tfName: 'tensorflow', module: 'fake-node' }],
        ...silent,
      }),
    ).rejects.toThrow("fake-node loaded but registered no 'tensorflow' backend");
  });
});

describe('useBackend for real on this machine', () => {
  it('starts wasm by name and computes with it', async () => {
    const choice = await tf.useBackend('wasm', silent);
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(Array.from(product.dataSync())).toEqual([11]);
    product.dispose();
  });

  it('starts cpu by name', async () => {
    const choice = await tf.useBackend('cpu', silent);
    expect(choice).toMatchObject({ name: 'cpu', tfName: 'cpu', skipped: [] });
  });

  it("'auto' in Node tries tfjs-node-gpu, tfjs-node, WebGPU, wasm, cpu (native is registered from above)", () => {
    expect(platformCandidates().map((c) => [c.name, c.auto, c.priority])).toEqual([
      ['tensorflow-gpu', true, 50],
      ['tensorflow', true, 40],
      ['webgpu', true, 30],
      ['wasm', true, 10],
      ['cpu', true, 0],
    ]);
  });

  it("'auto' skips the absent tfjs-node builds and a native backend that is missing, landing on wasm with the hint", async () => {
    // WebGPU depends on this machine's Vulkan driver, so it is replaced by an absent package; the
    // native backend comes through the registry, as the dendrite Node entry adds it.
    const candidates = [
      ...platformCandidates().map((c) =>
        c.name === 'webgpu' ? { ...missingModule('webgpu', 'webgpu'), priority: 30 } : c,
      ),
      { ...missingModule('native', '@dendrite/backend-native'), priority: 20, hint: 'build it' },
    ];
    const lines: string[] = [];
    tf.registerBackendCandidate(candidates.pop() as tf.BackendCandidate);
    try {
      const choice = await tf.useBackend('auto', {
        log: (line) => lines.push(line),
        candidates: mergeCandidates(candidates),
      });
      expect(choice.name).toBe('wasm');
      expect(choice.skipped).toEqual([
        { name: 'tensorflow-gpu', reason: '@tensorflow/tfjs-node-gpu is not installed' },
        { name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' },
        { name: 'webgpu', reason: 'webgpu is not installed' },
        { name: 'native', reason: '@dendrite/backend-native is not installed' },
      ]);
      expect(lines).toEqual(['Dendrite backend: wasm (faster: build it)']);
    } finally {
      tf.unregisterBackendCandidate('native');
    }
  });
});
