import { defineConfig } from 'vitest/config';

// `pnpm bench` in this package: runs bench/*.bench.ts once, printing GFLOP/s (not part of `test`).
export default defineConfig({
  resolve: { conditions: ['@dendrite/source'] },
  ssr: { resolve: { conditions: ['@dendrite/source'] } },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/**/*.bench.ts'],
    testTimeout: 600_000,
  },
});
