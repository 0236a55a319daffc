import { runDemo } from './demo.js';

try {
  await runDemo(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
