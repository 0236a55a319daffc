import { dense, input, type SymbolicTensor } from '@dendrite/layers';
import { describe, expect, it } from 'vitest';
import { disposeCompiled, logNames, resolveCompile } from './compile.js';

function twoOutputs(): SymbolicTensor[] {
  const x = input({ shape: [2] });
  return [
    dense({ name: 'left', units: 3, activation: 'softmax' }).apply(x) as SymbolicTensor,
    dense({ name: 'right', units: 1 }).apply(x) as SymbolicTensor,
  ];
}

describe('resolveCompile', () => {
  it('a metrics map may leave outputs out (they get no metrics), as in Keras and TF.js', () => {
    const state = resolveCompile('m.compile', twoOutputs(), {
      optimizer: 'sgd',
      loss: { left: 'sparseCategoricalCrossentropy', right: 'mse' },
      metrics: { left: ['accuracy'] },
    });
    expect(logNames(state)).toEqual(['loss', 'left_loss', 'right_loss', 'left_accuracy']);
    expect(state.outputs[1]?.metrics).toEqual([]);
    disposeCompiled(state);
    state.optimizer.dispose();
  });

  it('a metrics map naming an unknown output is an error', () => {
    expect(() =>
      resolveCompile('m.compile', twoOutputs(), {
        optimizer: 'sgd',
        loss: 'mse',
        metrics: { middle: ['mse'] },
      }),
    ).toThrow('m.compile: `metrics` names an unknown output "middle"; expected one of left, right');
  });
});
