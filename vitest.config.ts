import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Paths are resolved from this file, not the working directory: turbo runs each package's
// tests from the package's folder.
const root = fileURLToPath(new URL('.', import.meta.url));

// One project per workspace folder; each inherits the root options below.
const folders = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')),
        )
        .map((entry) => join(group, entry.name))
    : [],
);

// Projects whose test files only compute: no module mocks, no environment or working-folder
// changes, no registrations that another file repeats. Their files reuse one worker's imports
// (tfjs-core, tfjs-layers as the oracle, the package itself) instead of loading them again for
// each file, which was most of what their test run cost; each file still runs the setup file.
// A project that starts to mock modules or change the process leaves this list.
const sharedWorkers = new Set([
  'activations',
  'callbacks',
  'constraints',
  'data',
  'initializers',
  'layers',
  'losses',
  'metrics',
  'optimizers',
  'regularizers',
  'test-utils',
]);

export default defineConfig({
  resolve: { conditions: ['@dendrite/source'] },
  ssr: { resolve: { conditions: ['@dendrite/source'] } },
  test: {
    // One worker per core: `pnpm test` runs every project in one vitest process, so the pool is
    // shared and a 2-core machine runs 2 test files at a time, not 2 per package.
    maxWorkers: Math.max(1, availableParallelism()),
    projects: folders.map((folder) => ({
      extends: true,
      test: {
        name: folder.split('/')[1],
        root: join(root, folder),
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [join(root, 'packages/test-utils/src/setup.ts')],
        testTimeout: 60_000,
        hookTimeout: 120_000,
        isolate: !sharedWorkers.has(folder.split('/')[1]),
      },
    })),
  },
});
