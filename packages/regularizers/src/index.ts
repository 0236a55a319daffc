export {
  type L1Args,
  L1L2,
  L1L2_DEFAULTS,
  type L1L2Args,
  type L2Args,
  l1,
  l1l2,
  l2,
} from './l1l2.js';
export {
  get,
  names,
  type RegularizerIdentifier,
  type RegularizerName,
  register,
  serialize,
} from './registry.js';
export { isRegularizer, type Regularizer } from './regularizer.js';
