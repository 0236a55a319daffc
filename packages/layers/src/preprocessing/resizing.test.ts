import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { fixtures } from '../../test/preprocessing-fixtures.js';
import { Resizing, resizing } from './resizing.js';

const images = tf.tensor4d(fixtures.images);
afterAll(() => images.dispose());

describe('Resizing', () => {
  it.each([
    ['bilinear up', { height: 8, width: 9 }, fixtures.bilinearUp],
    ['bilinear down', { height: 3, width: 4 }, fixtures.bilinearDown],
    ['nearest', { height: 4, width: 10, interpolation: 'nearest' as const }, fixtures.nearest],
    ['crop to aspect', { height: 4, width: 4, cropToAspectRatio: true }, fixtures.cropBilinear],
    [
      'pad to aspect',
      { height: 4, width: 4, padToAspectRatio: true, fillValue: 0.5 },
      fixtures.padBilinear,
    ],
  ])('matches tf.image.resize (NumPy, half-pixel centers): %s', async (_name, args, expected) => {
    const layer = resizing(args);
    await expectNoLeak(() => {
      const y = layer.apply(images);
      expectClose(y, expected, { atol: 1e-5 });
      expect(y.shape).toEqual(layer.computeOutputShape(images.shape) as number[]);
      return y;
    });
  });

  it('resizes one image and channels-first batches the same way', () => {
    const first = tf.tidy(() => tf.squeeze(tf.slice(images, [0], [1])));
    const one = resizing({ height: 8, width: 9 }).apply(first);
    expectClose(one, fixtures.bilinearUp[0] as number[][][], { atol: 1e-5 });
    const channelsFirst = tf.transpose(images, [0, 3, 1, 2]);
    const layer = resizing({ height: 8, width: 9, dataFormat: 'channelsFirst' });
    const y = tf.transpose(layer.apply(channelsFirst), [0, 2, 3, 1]);
    expectClose(y, fixtures.bilinearUp, { atol: 1e-5 });
    expect(layer.computeOutputShape([null, 3, 5, 7])).toEqual([null, 3, 8, 9]);
    tf.dispose([first, one, channelsFirst, y]);
  });

  it('has Keras defaults and round-trips its config', () => {
    const config = resizing({ height: 2, width: 3 }).getConfig();
    expect(config).toMatchObject({
      interpolation: 'bilinear',
      cropToAspectRatio: false,
      padToAspectRatio: false,
      fillMode: 'constant',
      fillValue: 0,
      antialias: false,
      dataFormat: 'channelsLast',
    });
    expectConfigRoundTrip(Resizing, config);
  });

  it('rejects bad options by name, and inputs that are not images', async () => {
    expect(() => resizing({ height: 0, width: 2 })).toThrow(
      'Resizing: `height` must be an integer >= 1; received 0',
    );
    expect(() => resizing({ height: 2, width: 2, interpolation: 'bicubic' as never })).toThrow(
      "Resizing: `interpolation` must be one of 'bilinear', 'nearest'; received \"bicubic\"",
    );
    expect(() => resizing({ height: 2, width: 2, antialias: true })).toThrow(
      'Resizing: `antialias` must be false (antialiased resizing is not supported); received true',
    );
    expect(() =>
      resizing({ height: 2, width: 2, cropToAspectRatio: true, padToAspectRatio: true }),
    ).toThrow('only one of `cropToAspectRatio` and `padToAspectRatio` may be true');
    const layer = resizing({ height: 2, width: 2, name: 'rs' });
    const flat = tf.ones([2, 3]);
    await expectNoLeak(() => {
      expect(() => layer.apply(flat)).toThrow(
        'rs: expected images of rank 3 (one image) or 4 (a batch); received shape [2,3]',
      );
    });
    flat.dispose();
  });
});
