// Loaded before every test file: tests run on the CPU backend unless they choose otherwise.
import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@dendrite/tensor';

await setBackend('cpu');

// tfjs' "install tfjs-node" banner is noise in test logs.
import { env } from '@dendrite/tensor';

env().set('IS_TEST', true);
