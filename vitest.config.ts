import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One project per workspace folder that has tests; each inherits the root options below.
const folders = ['packages', 'apps'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter(
          (entry) => entry.isDirectory() && existsSync(join(group, entry.name, 'package.json')),
        )
        .map((entry) => join(group, entry.name))
    : [],
);

export default defineConfig({
  resolve: { conditions: ['@dendrite/source'] },
  ssr: { resolve: { conditions: ['@dendrite/source'] } },
  test: {
    projects: folders.map((root) => ({
      extends: true,
      test: {
        name: root.split('/')[1],
        root,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        setupFiles: [join(import.meta.dirname, 'packages/test-utils/src/setup.ts')],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    })),
  },
});
