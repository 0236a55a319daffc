import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import type { Layer, LayerClass } from '../layer.js';
import { conv1d } from './conv1d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';
import { separableConv2d } from './separable-conv2d.js';

// A layer, entries its config must hold, and entries it must leave out (as TF.js does).
const configs: [Layer, Record<string, unknown>, string[]][] = [
  [
    conv1d({ filters: 3, kernelSize: 5, padding: 'same', activation: 'sigmoid' }),
    { filters: 3, kernelSize: [5], strides: [1], dilationRate: [1] },
    [],
  ],
  [
    conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: [1, 0] }),
    { outputPadding: [1, 0], strides: [2, 2] },
    ['dilationRate'],
  ],
  [
    depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, depthwiseInitializer: 'ones' }),
    { depthMultiplier: 2, depthwiseInitializer: { className: 'Ones' } },
    [],
  ],
  [
    separableConv2d({ filters: 2, kernelSize: 3, pointwiseInitializer: 'zeros' }),
    { filters: 2, depthMultiplier: 1, pointwiseInitializer: { className: 'Zeros' } },
    ['kernelInitializer'],
  ],
];

// A bad config and the error it must give.
const rejections: [() => Layer, string][] = [
  [
    () => conv1d({ filters: 3, kernelSize: [3, 3] }),
    'Conv1D: `kernelSize` must be a positive integer or an array of 1 of them; received [3, 3]',
  ],
  [
    () => conv1d({ filters: -1, kernelSize: 3 }),
    'Conv1D: `filters` must be a positive integer; received -1',
  ],
  [
    () => conv2dTranspose({ filters: 1, kernelSize: 3, dilationRate: 2 }),
    'Conv2DTranspose: `dilationRate` must be 1; received 2',
  ],
  [
    () => conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 2 }),
    'Conv2DTranspose: `outputPadding` must be values below the strides [2,2]; received 2',
  ],
  [
    () => depthwiseConv2d({ kernelSize: 3, depthMultiplier: 0 }),
    'DepthwiseConv2D: `depthMultiplier` must be a positive integer; received 0',
  ],
  [
    () => separableConv2d({ filters: 0, kernelSize: 3 }),
    'SeparableConv2D: `filters` must be a positive integer; received 0',
  ],
];

describe('convolution configs', () => {
  for (const [layer, holds, leavesOut] of configs) {
    it(`${layer.getClassName()} round-trips its config`, () => {
      const config = layer.getConfig();
      expect(config).toMatchObject(holds);
      for (const key of leavesOut) expect(config).not.toHaveProperty(key);
      expectConfigRoundTrip(layer.constructor as unknown as LayerClass, config);
    });
  }

  it.each(rejections)('rejects a bad argument by name (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});
