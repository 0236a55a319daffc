// Builds a page with the demo's Vite config (workspace packages from source, the wasm binaries
// copied) and serves it with `vite preview`, for the browser tests.
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';

const configFile = resolve(import.meta.dirname, '..', 'vite.config.ts');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A served page: its address, and `close` to stop the server. */
export interface ServedPage {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/**
 * Builds the page whose `index.html` is in `root` (default: the demo's `web/`) into
 * `work/dist`, with `publicDir` copied as is, and serves it on a free local port.
 */
export async function servePage(options: {
  readonly work: string;
  readonly publicDir?: string;
  readonly root?: string;
}): Promise<ServedPage> {
  const outDir = join(options.work, 'dist');
  const shared = {
    configFile,
    ...(options.root === undefined ? {} : { root: options.root }),
    publicDir: options.publicDir ?? false,
    logLevel: 'warn',
  } as const;
  await build({ ...shared, build: { outDir, minify: false, reportCompressedSize: false } });
  const port = await freePort();
  const server = await preview({
    ...shared,
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
