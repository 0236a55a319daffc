import type { BackendCandidate } from './backend.js';

const registered = new Map<BackendCandidate['name'], BackendCandidate>();

/**
 * Adds a backend that `useBackend` may start, or replaces the one of the same name. Packages
 * that live above `@dendrite/tensor` (Dendrite's native backend) offer themselves this way, so
 * this package never imports them by name. `priority` places it among the platform's own.
 * @example
 * registerBackendCandidate({ name: 'native', tfName: 'dendrite-native',
 *   module: '@dendrite/backend-native', auto: true, priority: 20, load: startNative });
 */
export function registerBackendCandidate(candidate: BackendCandidate): void {
  registered.set(candidate.name, candidate);
}

/** Removes a candidate added by {@link registerBackendCandidate}; true when there was one. */
export function unregisterBackendCandidate(name: BackendCandidate['name']): boolean {
  return registered.delete(name);
}

/**
 * `platform` merged with the registered candidates, best first by `priority` (a registered one
 * replaces a platform one of the same name; ties keep the platform's order).
 */
export function mergeCandidates(platform: readonly BackendCandidate[]): BackendCandidate[] {
  const byName = new Map(platform.map((candidate) => [candidate.name, candidate]));
  for (const [name, candidate] of registered) byName.set(name, candidate);
  return [...byName.values()]
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => (b.candidate.priority ?? 0) - (a.candidate.priority ?? 0) || a.index - b.index)
    .map(({ candidate }) => candidate);
}
