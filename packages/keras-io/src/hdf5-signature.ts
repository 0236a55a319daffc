// Kept apart from hdf5.ts so that the package's public declarations never load h5wasm's types
// (they clash with @types/emscripten in a consumer that type-checks its libraries).

/** The 8-byte signature every HDF5 file starts with. */
export const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether `bytes` starts with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  return HDF5_MAGIC.every((b, i) => bytes[i] === b);
}
