import * as tf from '@dendrite/tensor';
import { expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { dense } from './core/dense.js';
import { input } from './input-layer.js';
import { Layer, type LayerIO, snakeCase, uniqueLayerName } from './layer.js';
import { SymbolicTensor } from './symbolic-tensor.js';

describe('Layer base', () => {
  it('names layers like Keras: prefix, then prefix_1, prefix_2', () => {
    expect(uniqueLayerName('probe_layer')).toBe('probe_layer');
    expect(uniqueLayerName('probe_layer')).toBe('probe_layer_1');
    expect(snakeCase('GlobalAveragePooling2D')).toBe('global_average_pooling2d');
    expect(snakeCase('LSTM')).toBe('lstm');
  });

  it('records graph nodes for symbolic calls and builds weights once', () => {
    const x = input({ shape: [3] });
    const layer = dense({ units: 2 });
    const y1 = layer.apply(x);
    const y2 = layer.apply(x);
    expect(y1).toBeInstanceOf(SymbolicTensor);
    expect([y1.nodeIndex, y2.nodeIndex]).toEqual([0, 1]);
    expect(y1.node.inputs).toEqual([x]);
    expect(layer.weights.map((w) => w.originalName)).toEqual([
      `${layer.name}/kernel`,
      `${layer.name}/bias`,
    ]);
    layer.dispose();
  });

  it('frees its variables on dispose, once, and refuses use afterwards', async () => {
    const layer = dense({ units: 4 });
    await expectNoLeak(() => {
      layer.build([null, 2]);
      layer.dispose();
      layer.dispose();
    });
    const x = tf.ones([1, 2]);
    expect(() => layer.apply(x)).toThrow(/used after dispose/);
    x.dispose();
  });

  it('moves weights between trainable and non-trainable with the layer flag', () => {
    const layer = dense({ units: 1 });
    layer.build([null, 1]);
    layer.trainable = false;
    expect(layer.trainableWeights).toHaveLength(0);
    expect(layer.nonTrainableWeights).toHaveLength(2);
    layer.dispose();
  });

  it('setWeights checks count and shapes, naming both', () => {
    const layer = dense({ units: 2, name: 'probe' });
    layer.build([null, 3]);
    const wrong = tf.zeros([2, 2]);
    expect(() => layer.setWeights([wrong])).toThrow(
      'probe: setWeights expected 2 arrays (probe/kernel [3,2], probe/bias [2]); received 1',
    );
    const bias = tf.zeros([2]);
    expect(() => layer.setWeights([wrong, bias])).toThrow(
      'probe/kernel: cannot assign a value of shape [2,2] to a weight of shape [3,2]',
    );
    tf.dispose([wrong, bias]);
    layer.dispose();
  });

  it('rejects a bad input shape', () => {
    expect(() => input({ shape: [0, 3] })).toThrow(
      'input: `shape` must be positive integers or null; received [0, 3]',
    );
  });
});

describe('LayerVariable names', () => {
  it('avoid names another library already registered with tfjs-core', () => {
    const foreign = tf.variable(tf.zeros([1]), true, 'clash_probe/kernel');
    const layer = dense({ units: 1, name: 'clash_probe' });
    layer.build([null, 1]);
    const kernel = layer.weights[0];
    expect(kernel?.originalName).toBe('clash_probe/kernel');
    expect(kernel?.variable.name).not.toBe('clash_probe/kernel');
    layer.dispose();
    foreign.dispose();
  });
});

describe('trainable flag', () => {
  it('freezing and unfreezing a layer keeps weights created non-trainable frozen (Keras)', () => {
    class WithStatistic extends Layer {
      static override readonly className = 'WithStatistic';
      override build(): void {
        this.addWeight('kernel', [1], { initializer: 'ones' });
        this.addWeight('statistic', [1], { initializer: 'zeros', trainable: false });
      }
      call(inputs: LayerIO): LayerIO {
        return inputs;
      }
    }
    const layer = new WithStatistic();
    layer.ensureBuilt([null, 1]);
    layer.trainable = false;
    expect(layer.trainableWeights).toHaveLength(0);
    layer.trainable = true;
    expect(layer.trainableWeights.map((w) => w.originalName)).toEqual([`${layer.name}/kernel`]);
    expect(layer.nonTrainableWeights.map((w) => w.originalName)).toEqual([
      `${layer.name}/statistic`,
    ]);
    layer.dispose();
  });
});
