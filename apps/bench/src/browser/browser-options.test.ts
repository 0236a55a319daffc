import { describe, expect, it } from 'vitest';
import { BROWSER_DEFAULTS, parseBrowserOptions } from './browser-options.js';
import { LOSS_AGREEMENT, lossGap } from './browser-table.js';
import { chromiumArgs } from './driver.js';

describe('pnpm bench --browser options', () => {
  it('defaults to webgl, webgpu and wasm with small sample counts', () => {
    expect(parseBrowserOptions(['--browser'])).toMatchObject({
      backends: ['webgl', 'webgpu', 'wasm'],
      models: ['mlp', 'cnn'],
      batchSizes: [32, 128, 512],
      samples: BROWSER_DEFAULTS.samples,
      epochs: BROWSER_DEFAULTS.epochs,
      gpu: false,
    });
  });

  it('takes the shared flags and the browser backends', () => {
    const options = parseBrowserOptions([
      '--browser',
      '--backends=webgl,wasm',
      '--samples',
      '256',
      '--epochs',
      '1',
      '--models',
      'mlp',
      '--gpu',
    ]);
    expect(options).toMatchObject({
      backends: ['webgl', 'wasm'],
      samples: 256,
      epochs: 1,
      gpu: true,
    });
    expect(options.models).toEqual(['mlp']);
  });

  it('rejects a backend browsers do not have, naming it', () => {
    expect(() => parseBrowserOptions(['--browser', '--backends', 'native'])).toThrow(
      '--backends: expected a comma list of webgl, webgpu, wasm; received native',
    );
  });

  it('gives WebGPU its SwiftShader flags only without --gpu', () => {
    expect(chromiumArgs('webgpu')).toContain('--use-webgpu-adapter=swiftshader');
    expect(chromiumArgs('webgpu', true)).not.toContain('--use-webgpu-adapter=swiftshader');
    expect(chromiumArgs('webgl')).not.toContain('--enable-unsafe-webgpu');
    expect(chromiumArgs('webgl', true)).toContain('--use-angle=vulkan');
  });
});

describe('loss agreement', () => {
  it('is the largest relative gap over the epochs', () => {
    // |1.1 − 1| / 1 = 0.1 at epoch 0, |0.45 − 0.5| / 0.5 = 0.1 at epoch 1, 0.02 / 0.4 = 0.05
    expect(lossGap([1.1, 0.45, 0.42], [1, 0.5, 0.4])).toBeCloseTo(0.1, 12);
    expect(lossGap([2, 1], [2, 1])).toBe(0);
    expect(LOSS_AGREEMENT).toBe(0.1);
  });
});
