// What a test file makes and frees after each of its tests.
import { afterEach } from 'vitest';

/** Anything with an idempotent `dispose()`: tensors, models, optimizers. */
export interface Disposable {
  dispose(): void;
}

/** Hands back its first argument after noting it (and any more) to be freed. */
export type Own = <T extends Disposable>(item: T, ...more: Disposable[]) => T;

/**
 * An `own` for one test file: every item it is handed is freed after each test, newest
 * first. Call it once at the top of the file (it registers an `afterEach`).
 */
export function ownedPerTest(): Own {
  const items: Disposable[] = [];
  afterEach(() => {
    for (const item of items.splice(0).reverse()) item.dispose();
  });
  return (item, ...more) => {
    items.push(item, ...more);
    return item;
  };
}
