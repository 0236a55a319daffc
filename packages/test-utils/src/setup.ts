// Loaded before every test file: tests run on the CPU backend unless they choose otherwise.
import '@tensorflow/tfjs-backend-cpu';
import { findBackend, setBackend } from '@dendrite/tensor';

await setBackend('cpu');
// The cpu backend's one-time "install tfjs-node" banner is noise in test logs.
const cpu = findBackend('cpu') as { firstUse?: boolean } | null;
if (cpu) cpu.firstUse = false;
