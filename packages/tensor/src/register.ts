// The registration side effects of Dendrite: tfjs-core's gradients and chained ops, and the
// cpu backend a first op starts when no backend was chosen.
// `generated/register-gradients.js` is made by `scripts/bundle-gradients.mjs` at install: tfjs-core's
// own gradient configs and chained-op files, importing everything else from its public entry
// (one engine: the installed one).
import '../generated/register-gradients.js';
import { installFirstUseBackend } from './first-use.js';

installFirstUseBackend();

// Brings the chained-op method types (`x.square()`, ...) into every program that imports us.
export type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
