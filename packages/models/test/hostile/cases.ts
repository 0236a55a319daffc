import type { HostileCase } from './fixtures.js';
import { sizeAndLeakCases } from './size-cases.js';
import { SPECIAL_FILE_CASES } from './special-cases.js';

export type { Family, HostileCase } from './fixtures.js';

/** Every hostile-folder case of `pnpm test:hostile`. */
export const HOSTILE_CASES: readonly HostileCase[] = [...SPECIAL_FILE_CASES, ...sizeAndLeakCases()];
