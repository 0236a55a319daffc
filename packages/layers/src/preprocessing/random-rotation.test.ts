import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures } from '../../test/preprocessing-fixtures.js';
import { deserializeLayer } from '../registry.js';
import { affineTransform, rotationTransform } from './affine-transform.js';
import { RandomRotation, randomRotation } from './random-rotation.js';

const images = tf.tensor4d(fixtures.images);
afterAll(() => images.dispose());

describe('affineTransform (rotation)', () => {
  it.each(fixtures.rotations.map((r) => [`${r.angle} ${r.fillMode} ${r.interpolation}`, r]))(
    'matches TensorFlow’s projective transform (NumPy): %s',
    async (_name, rotation) => {
      const image = tf.tidy(() => tf.slice(images, [1], [1]));
      await expectNoLeak(() => {
        const y = affineTransform(image, [rotationTransform(rotation.angle, 5, 7)], {
          fillMode: rotation.fillMode,
          interpolation: rotation.interpolation,
          fillValue: 0.5,
        });
        expectClose(y, [rotation.output], { atol: 1e-4 });
        return y;
      });
      image.dispose();
    },
  );
});

describe('RandomRotation', () => {
  it('is the identity in inference', async () => {
    const layer = randomRotation({ factor: 0.2, seed: 1 });
    await expectNoLeak(() => {
      const y = layer.apply(images);
      expectClose(y, images, { atol: 0 });
      return y;
    });
  });

  it('rotates in training by angles drawn from factor · 2π, repeatably with a seed', () => {
    // factor [0.25, 0.25]: exactly a quarter turn; constant fill 0.5 (as the fixture).
    const expected = fixtures.rotations.find(
      (r) => r.angle === Math.PI / 2 && r.interpolation === 'nearest',
    );
    const nearest = randomRotation({
      factor: [0.25, 0.25],
      fillMode: 'constant',
      fillValue: 0.5,
      interpolation: 'nearest',
    }).apply(images, { training: true });
    expectClose(tf.slice(nearest, [1], [1]), [expected?.output], { atol: 1e-4 });
    // factor 0 is a zero angle: bilinear sampling at the pixels themselves.
    const still = randomRotation({ factor: 0 }).apply(images, { training: true });
    expectClose(still, images, { atol: 1e-5 });
    const a = randomRotation({ factor: 0.3, seed: 9 }).apply(images, { training: true });
    const b = randomRotation({ factor: 0.3, seed: 9 }).apply(images, { training: true });
    expectClose(a, b, { atol: 0 });
    expect(tf.max(tf.abs(tf.sub(a, images))).dataSync()[0]).toBeGreaterThan(0.1);
    tf.dispose([nearest, still, a, b]);
  });

  it('has Keras defaults and round-trips its config', () => {
    const config = randomRotation({ factor: 0.1 }).getConfig();
    expect(config).toMatchObject({
      factor: 0.1,
      fillMode: 'reflect',
      interpolation: 'bilinear',
      seed: null,
      fillValue: 0,
      valueRange: [0, 255],
      dataFormat: 'channelsLast',
    });
    expect(RandomRotation.fromConfig(config).getConfig()).toEqual(config);
    const pair = randomRotation({ factor: [-0.1, 0.2], seed: 2, fillMode: 'wrap' }).getConfig();
    expect(deserializeLayer({ className: 'RandomRotation', config: pair }).getConfig()).toEqual(
      pair,
    );
  });

  it('rejects bad options by name', () => {
    expect(() => randomRotation({ factor: [0.3, 0.1] })).toThrow(
      'RandomRotation: `factor` must be a finite number or a pair [lower, upper] with lower <= upper; received [0.3, 0.1]',
    );
    expect(() => randomRotation({ factor: 0.1, fillMode: 'mirror' as never })).toThrow(
      "RandomRotation: `fillMode` must be one of 'reflect', 'wrap', 'constant', 'nearest'",
    );
    expect(() => randomRotation({ factor: 0.1, interpolation: 'bicubic' as never })).toThrow(
      "RandomRotation: `interpolation` must be one of 'bilinear', 'nearest'",
    );
  });
});
