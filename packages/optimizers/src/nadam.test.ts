import * as tf from '@dendrite/tensor';
import { describe, it } from 'vitest';
import { expectSteps, findCase, makeVariables } from '../test/helpers.js';
import { nadam } from './nadam.js';

describe('Nadam', () => {
  it('restores its momentum-cache product from the iteration count', () => {
    const testCase = findCase('nadam-default');
    const variables = makeVariables();
    const first = nadam({ learningRate: 0.01 });
    expectSteps(first, testCase, variables, 0, 4);
    const state = first.getWeights();
    const second = nadam({ learningRate: 0.01 });
    second.setWeights(state);
    expectSteps(second, testCase, variables, 4, 10);
    tf.dispose([...variables, ...state.map((x) => x.tensor)]);
    first.dispose();
    second.dispose();
  });
});
