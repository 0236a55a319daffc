export {
  type AffineTransformOptions,
  affineTransform,
  type FillMode,
  rotationTransform,
  type TransformInterpolation,
} from './affine-transform.js';
export { Normalization, type NormalizationArgs, normalization } from './normalization.js';
export {
  type FlipMode,
  RANDOM_FLIP_DEFAULTS,
  RandomFlip,
  type RandomFlipArgs,
  randomFlip,
} from './random-flip.js';
export {
  RANDOM_ROTATION_DEFAULTS,
  RandomRotation,
  type RandomRotationArgs,
  randomRotation,
} from './random-rotation.js';
export { RESCALING_DEFAULTS, Rescaling, type RescalingArgs, rescaling } from './rescaling.js';
export {
  RESIZING_DEFAULTS,
  type ResizeInterpolation,
  Resizing,
  type ResizingArgs,
  resizing,
} from './resizing.js';
