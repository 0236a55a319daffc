import type { RandomGenerator } from '@dendrite/tensor';

/**
 * Splits `draws` samples over classes in proportion to `classCounts`, as scikit-learn's
 * `_approximate_mode`: every class gets the floor of its share, and the samples left over go to
 * the classes with the largest remainders, ties broken at random.
 */
export function approximateMode(
  classCounts: readonly number[],
  draws: number,
  random: RandomGenerator,
): number[] {
  const total = classCounts.reduce((sum, count) => sum + count, 0);
  // Same operation order as scikit-learn (counts / total * draws) so remainders tie identically.
  const continuous = classCounts.map((count) => (count / total) * draws);
  const floored = continuous.map(Math.floor);
  let needToAdd = draws - floored.reduce((sum, value) => sum + value, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((value, i) => value - (floored[i] as number));
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const candidates: number[] = [];
      remainder.forEach((r, i) => {
        if (r === value) candidates.push(i);
      });
      random.shuffle(candidates);
      const addNow = Math.min(candidates.length, needToAdd);
      for (const i of candidates.slice(0, addNow)) floored[i] = (floored[i] as number) + 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}
