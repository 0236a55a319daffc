// tfjs-core registers its gradients and chained ops (`x.square()`) only from extension-less ES
// modules under dist/, which Node cannot load, and which would be a second copy of tfjs-core
// next to the CommonJS build Node loads. This writes generated/register-gradients.js: the
// gradient configs and chained-op files themselves (readable, not minified), with every other
// tfjs-core module they import replaced by the same names from the installed package's public
// entry (`@tensorflow/tfjs-core`). A tfjs-core module is copied only when some name it exports
// is not public (a few backprop ops); the engine, tensors and ops are never copied.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'package.json'));
const core = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
const dist = join(core, 'dist');
const tf = require('@tensorflow/tfjs-core');

/** Namespaces of tfjs-core's public entry searched, in order, for a name not at the top level. */
const NAMESPACES = ['backend_util', 'util', 'broadcast_util', 'slice_util'];
/** Internal names with a public equivalent under another form. */
const ALIASES = {
  ENGINE: "import { engine } from '@tensorflow/tfjs-core';\nexport const ENGINE = engine();",
  getGlobalTensorClass:
    "import { Tensor } from '@tensorflow/tfjs-core';\nexport const getGlobalTensorClass = () => Tensor;",
};

/** Files that are the registrations themselves: copied. */
const isRegistration = (path) =>
  path.startsWith(join(dist, 'gradients')) ||
  path.startsWith(join(dist, 'public', 'chained_ops')) ||
  path === join(dist, 'register_all_gradients.js');

const withJs = (path) => (path.endsWith('.js') ? path : `${path}.js`);

const sources = new Map();
const sourceOf = (path) => {
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8'));
  return sources.get(path);
};

/**
 * What `importer` takes from `specifier`: `{ names }` for `import { a, b as c }`, `{ namespace,
 * names }` for `import * as ns` (the members it uses), or `{ names: [] }` for a bare import.
 */
function importedNames(importer, specifier) {
  const source = sourceOf(importer);
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = new Set();
  for (const m of source.matchAll(new RegExp(`import \\{([^}]*)\\} from '${quoted}'`, 'g'))) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name) names.add(name);
    }
  }
  const star = source.match(new RegExp(`import \\* as (\\w+) from '${quoted}'`));
  if (star) {
    for (const m of source.matchAll(new RegExp(`\\b${star[1]}\\.(\\w+)`, 'g'))) names.add(m[1]);
    return { namespace: star[1], names: [...names] };
  }
  return { names: [...names] };
}

/** Code exporting `names` from the public entry, or undefined when one has no public form. */
function publicModule(names) {
  const lines = [];
  const imports = new Set();
  for (const name of names) {
    if (ALIASES[name]) lines.push(ALIASES[name]);
    else if (name in tf) lines.push(`export { ${name} } from '@tensorflow/tfjs-core';`);
    else {
      const space = NAMESPACES.find((ns) => tf[ns] && name in tf[ns]);
      if (space === undefined) return undefined;
      imports.add(space);
      lines.push(`export const ${name} = ${space}.${name};`);
    }
  }
  const head =
    imports.size > 0 ? [`import { ${[...imports].join(', ')} } from '@tensorflow/tfjs-core';`] : [];
  return [...head, ...lines].join('\n');
}

const copied = [];
const publicOnly = {
  name: 'tfjs-core-public-entry',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = withJs(resolve(args.resolveDir, args.path));
      if (!path.startsWith(dist)) return undefined;
      if (isRegistration(path)) return { path };
      const { names } = importedNames(args.importer, args.path);
      const contents = publicModule(names);
      if (contents === undefined) {
        copied.push(relative(core, path));
        return { path };
      }
      // One module per set of names: a file imported for different names maps differently.
      return {
        path: `${path}?${names.sort().join(',')}`,
        namespace: 'tfjs-core-public',
        pluginData: contents,
      };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: 'tfjs-core-public' }, (args) => ({
      contents: args.pluginData,
      resolveDir: dist,
      loader: 'js',
    }));
  },
};

const outfile = join(here, '..', 'generated', 'register-gradients.js');
await build({
  stdin: {
    contents: [
      `import ${JSON.stringify(join(dist, 'register_all_gradients.js'))};`,
      `import ${JSON.stringify(join(dist, 'public', 'chained_ops', 'register_all_chained_ops.js'))};`,
    ].join('\n'),
    resolveDir: join(here, '..'),
    sourcefile: 'register-gradients-entry.js',
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  external: ['@tensorflow/tfjs-core'],
  plugins: [publicOnly],
  minify: false,
  legalComments: 'none',
  banner: {
    js: `// Generated by scripts/bundle-gradients.mjs from @tensorflow/tfjs-core ${tf.version_core} (Apache-2.0); do not edit.\n// Gradient configs and chained ops of tfjs-core, registered against its installed public entry.`,
  },
  outfile,
  logLevel: 'warning',
});
if (process.argv.includes('--verbose'))
  console.log(`copied (not public): ${[...new Set(copied)].join(', ') || 'none'}`);
