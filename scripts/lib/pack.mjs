// Packs every public workspace package with pnpm (which rewrites `workspace:*`/`catalog:` and
// applies `publishConfig`), as a user would receive it from the registry.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pnpm, publicPackages } from './workspace.mjs';

/**
 * Packs each public package into `destination`.
 * @returns a Map from package name to `{ tarball, dir, manifest }`.
 */
export function packAll(destination) {
  const packed = new Map();
  for (const { dir, manifest } of publicPackages()) {
    const before = new Set(readdirSync(destination));
    pnpm(['pack', '--pack-destination', destination], { cwd: dir });
    const tarball = readdirSync(destination).find((file) => !before.has(file));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    packed.set(manifest.name, { tarball: join(destination, tarball), dir, manifest });
  }
  return packed;
}

/** The names of `name`'s workspace dependencies among `packed`, transitively, with `name`. */
export function closure(name, packed) {
  const out = new Set();
  const visit = (current) => {
    if (out.has(current) || !packed.has(current)) return;
    out.add(current);
    for (const dep of Object.keys(packed.get(current).manifest.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return [...out];
}
