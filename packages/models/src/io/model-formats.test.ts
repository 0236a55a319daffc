import { dense } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import { describe, expect, it, vi } from 'vitest';
import type { LayersModel } from '../layers-model.js';
import { sequential } from '../sequential.js';
import { loadModel } from './load.js';
import { type ModelFormat, registerModelFormat } from './model-formats.js';

// Runs before any path store is registered: this file never calls registerFileSystem().
describe('model formats and plain paths without a file system (the browser case)', () => {
  it('a plain path names the schemes that work instead', async () => {
    await expect(loadModel('best-model.keras')).rejects.toThrow(
      /"best-model\.keras" is a file path, which needs Node.*http\(s\):\/\/ URL, indexeddb:\/\/, localstorage:\/\/, downloads:\/\/, a File\/Blob or the file's bytes/,
    );
    const model = sequential({ layers: [dense({ units: 1, inputShape: [2] })] });
    await expect(model.save('model.keras')).rejects.toThrow(/is a file path, which needs Node/);
    model.dispose();
  });

  it('bytes of Keras files without a registered reader say how to get one', async () => {
    await expect(loadModel(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).rejects.toThrow(
      /bytes is a zip archive \(a Keras 3 \.keras file\?\); no registered format reads it \(import "dendrite", or call registerKerasFormat\(\)/,
    );
    await expect(loadModel(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /bytes is not a known model file/,
    );
  });

  it('routes bytes and Blobs to the format whose magic bytes match', async () => {
    const seen: string[] = [];
    const fake: ModelFormat = {
      name: 'Fake',
      sniff: (bytes) => bytes[0] === 0xfa,
      claims: (destination) => destination.endsWith('.fake'),
      async load(bytes, origin) {
        seen.push(`${origin}:${bytes.length}`);
        return sequential({ layers: [dense({ units: 1, inputShape: [bytes.length] })] });
      },
      save: async () => new Uint8Array([0xfa]),
      loadWeights: async () => {},
      saveWeights: async () => new Uint8Array([0xfa]),
    };
    registerModelFormat(fake);
    const before = tf.memory().numTensors;
    const models: LayersModel[] = [
      await loadModel(new Uint8Array([0xfa, 1, 2])),
      await loadModel(new Uint8Array([0xfa, 1]).buffer),
      await loadModel(new Blob([new Uint8Array([0xfa, 1, 2, 3])])),
    ];
    expect(seen).toEqual(['bytes:3', 'bytes:2', 'bytes:4']);
    expect(models.map((m) => m.inputs[0]?.shape[1])).toEqual([3, 2, 4]);
    for (const m of models) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // An http(s) URL of a file the format claims is fetched whole and sniffed.
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(new Uint8Array([0xfa, 9]));
    });
    try {
      const remote = await loadModel('https://example.invalid/models/best.fake');
      expect(fetched).toEqual(['https://example.invalid/models/best.fake']);
      expect(seen.at(-1)).toBe('https://example.invalid/models/best.fake:2');
      remote.dispose();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
