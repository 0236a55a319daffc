import * as tf from '@dendrite/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, it } from 'vitest';
import { expectIdentityOutsideTraining } from '../../test/noise-checks.js';
import { alphaDropout } from './alpha-dropout.js';
import { gaussianDropout } from './gaussian-dropout.js';
import { gaussianNoise } from './gaussian-noise.js';
import { spatialDropout1d } from './spatial-dropout1d.js';

// Our layer, tfjs-layers' one with the same config, the input shape and its seed.
const cases = [
  [alphaDropout({ rate: 0.2 }), tfl.layers.alphaDropout({ rate: 0.2 }), [3, 4], 3],
  [gaussianDropout({ rate: 0.4 }), tfl.layers.gaussianDropout({ rate: 0.4 }), [3, 4], 2],
  [gaussianNoise({ stddev: 0.5 }), tfl.layers.gaussianNoise({ stddev: 0.5 }), [3, 4], 1],
  [spatialDropout1d({ rate: 0.5 }), tfl.layers.spatialDropout1d({ rate: 0.5 }), [2, 5, 3], 4],
] as const;

describe('noise layers outside training', () => {
  for (const [ours, theirs, shape, seed] of cases) {
    it(`${ours.getClassName()} is the identity, like tfjs-layers`, async () => {
      const x = tf.randomUniform([...shape], -1, 1, 'float32', seed);
      await expectIdentityOutsideTraining(ours, theirs, x);
      x.dispose();
    });
  }
});
