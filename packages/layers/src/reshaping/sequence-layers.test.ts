import * as tf from '@dendrite/tensor';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, describe, it } from 'vitest';
import { applyAsWidthOneImage, expectLayerOutput } from '../../test/layer-checks.js';
import type { Layer } from '../layer.js';
import { cropping1d } from './cropping1d.js';
import { upSampling1d } from './up-sampling1d.js';
import { zeroPadding1d } from './zero-padding1d.js';

/** Padding or cropping of the rows of an image only, as tfjs-layers' 2-D layers take it. */
function rowsOnly(before: number, after: number): [[number, number], [number, number]] {
  return [
    [before, after],
    [0, 0],
  ];
}

// Defaults, hand-worked on steps [1,2] [3,4] (or [1,2] [3,4] [5,6] [7,8]): input, then output.
const handWorked: [string, Layer, tf.Tensor3D, tf.Tensor3D][] = [
  [
    'UpSampling1D repeats each step twice',
    upSampling1d(),
    tf.tensor3d([1, 2, 3, 4], [1, 2, 2]),
    tf.tensor3d([1, 2, 1, 2, 3, 4, 3, 4], [1, 4, 2]),
  ],
  [
    'ZeroPadding1D adds one zero step at each end',
    zeroPadding1d(),
    tf.tensor3d([1, 2, 3, 4], [1, 2, 2]),
    tf.tensor3d([0, 0, 1, 2, 3, 4, 0, 0], [1, 4, 2]),
  ],
  [
    'Cropping1D cuts one step off each end, keeping the middle two',
    cropping1d(),
    tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [1, 4, 2]),
    tf.tensor3d([3, 4, 5, 6], [1, 2, 2]),
  ],
];

// Our 1-D layer, tfjs-layers' 2-D twin on images of width 1, the input shape and its seed.
const twins: [Layer, tfl.layers.Layer, number[], number][] = [
  [upSampling1d({ size: 3 }), tfl.layers.upSampling2d({ size: [3, 1] }), [2, 4, 3], 8],
  [
    zeroPadding1d({ padding: [2, 0] }),
    tfl.layers.zeroPadding2d({ padding: rowsOnly(2, 0) }),
    [2, 5, 3],
    7,
  ],
  [
    cropping1d({ cropping: [3, 2] }),
    tfl.layers.cropping2D({ cropping: rowsOnly(3, 2) }),
    [2, 9, 3],
    6,
  ],
];

describe('sequence reshaping layers', () => {
  afterAll(() => tf.dispose(handWorked.flatMap(([, , x, expected]) => [x, expected])));

  for (const [title, layer, x, expected] of handWorked) {
    it(`${title} by default (hand-worked)`, async () => {
      await expectLayerOutput(layer, x, expected);
    });
  }

  for (const [ours, theirs, shape, seed] of twins) {
    it(`${ours.getClassName()} matches tfjs-layers' 2-D twin on width-1 images`, async () => {
      const x = tf.randomUniform(shape, -1, 1, 'float32', seed);
      const expected = applyAsWidthOneImage(theirs, x);
      await expectLayerOutput(ours, x, expected);
      tf.dispose([x, expected]);
    });
  }
});
