export { type CloseOptions, expectClose } from './close.js';
export {
  expectGradientMatchesFiniteDifference,
  expectInputGradient,
  type GradientCheckOptions,
  variableFiniteDifference,
} from './gradient-check.js';
export {
  expectMatchesTfjsLayer,
  type OracleOptions,
  type OracleReference,
  type OracleSubject,
} from './layer-oracle.js';
export { disposeDeep, expectNoLeak, type LeakGuardOptions } from './leak-guard.js';
