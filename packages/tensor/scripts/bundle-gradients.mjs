// tfjs-core ships its gradient and chained-op registrations only as extension-less ES modules,
// which Node cannot load. Bundle them once into a module Node and bundlers both accept.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'generated');
mkdirSync(outdir, { recursive: true });
await build({
  stdin: {
    contents: [
      "import '@tensorflow/tfjs-core/dist/register_all_gradients';",
      "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';",
    ].join('\n'),
    resolveDir: join(here, '..'),
    sourcefile: 'register-gradients-entry.js',
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'inline',
  outfile: join(outdir, 'register-gradients.js'),
  logLevel: 'warning',
});
