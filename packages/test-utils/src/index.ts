export { type CloseOptions, expectClose } from './close.js';
export {
  expectGradientMatchesFiniteDifference,
  type GradientCheckOptions,
} from './gradient-check.js';
export { disposeDeep, expectNoLeak, type LeakGuardOptions } from './leak-guard.js';
