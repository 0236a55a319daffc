import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstUseNotice } from './first-use.js';

// A fresh process: every test file here starts with the cpu backend already chosen.
const tsx = createRequire(import.meta.url).resolve('tsx');
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function runFresh(source: string): string {
  return execFileSync(
    process.execPath,
    ['--conditions=@dendrite/source', '--import', tsx, '--input-type=module', '-e', source],
    { cwd: packageRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

describe('a first op with no backend chosen', () => {
  it('starts cpu with one notice instead of "No backend found in registry"', () => {
    const output = runFresh(
      "import * as tf from './src/index.ts';" +
        // 1 + 2 = 3, twice: the notice comes once
        'console.log(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0], tf.getBackend());' +
        'console.log(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);',
    );
    expect(output.trim().split('\n')).toEqual([firstUseNotice, '3 cpu', '3']);
  }, 60_000);

  it('says nothing when the backend was chosen by name first', () => {
    const output = runFresh(
      "import * as tf from './src/index.ts';" +
        "await tf.setBackend('cpu');" +
        'console.log(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);',
    );
    expect(output.trim().split('\n')).toEqual(['3']);
  }, 60_000);
});
