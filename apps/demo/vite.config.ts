import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The browser demo (`web/`). Workspace packages load from source through the `@dendrite/source`
 * export condition, so the page needs no package build; `browser` picks tensor's browser
 * platform (WebGL, wasm, cpu). The wasm backend's binaries are imported with `?url` in
 * `web/src/backend.ts`, so Vite copies them into the build and serves them in dev.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: './',
  resolve: {
    conditions: [
      '@dendrite/source',
      'browser',
      ...defaultClientConditions.filter((condition) => condition !== 'browser'),
    ],
  },
  // Pre-bundle the backends `useBackend` imports lazily, so the dev server does not discover
  // them at run time and reload the page.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
      'dendrite > @dendrite/tensor > @tensorflow/tfjs-backend-webgpu',
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // tfjs-core and its backends make one large chunk; that is expected here.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
