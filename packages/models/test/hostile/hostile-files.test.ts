import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Family, HOSTILE_CASES } from './cases.js';
import { type ChildOutcome, childHarness, pooled, runChild } from './run-child.js';

// Each hostile folder is opened by a fresh process with a 20 s limit: a hang (FIFO), an abort
// or a runaway allocation (/dev/zero, a 1.6 GB kernel) fails its case instead of the run.
// Peak memory is the child's VmHWM; a child that only loads tfjs peaks near 60–100 MiB.
const PEAK_LIMIT_MIB = 300;

const { work, file } = childHarness('dendrite-hostile-cases-');
const outcomes = new Map<string, ChildOutcome>();

beforeAll(async () => {
  // Fixtures first (in this process), then the children, two at a time.
  const folders = await pooled(
    HOSTILE_CASES.map((c, i) => async () => {
      const base = join(work, String(i));
      mkdirSync(join(base, 'outside'), { recursive: true });
      const dir = join(base, 'model');
      await c.setup(dir, join(base, 'outside'));
      return dir;
    }),
    1,
  );
  const results = await pooled(
    HOSTILE_CASES.map((c, i) => () => runChild(file(), [c.kind, folders[i] as string])),
  );
  HOSTILE_CASES.forEach((c, i) => {
    outcomes.set(c.name, results[i] as ChildOutcome);
  });
}, 120_000);

afterAll(() => {
  const counts = new Map<Family, { tried: number; handled: number }>();
  for (const c of HOSTILE_CASES) {
    const entry = counts.get(c.family) ?? { tried: 0, handled: 0 };
    entry.tried++;
    if (handled(c, outcomes.get(c.name))) entry.handled++;
    counts.set(c.family, entry);
  }
  for (const c of HOSTILE_CASES) {
    const o = outcomes.get(c.name);
    console.log(
      `  ${c.family} | ${c.name}: ${handled(c, o) ? 'handled' : 'FAILED'}, peak RSS ${o?.peakRssMiB?.toFixed(0)} MiB, ${o?.ms} ms in the reader`,
    );
  }
  for (const [family, { tried, handled: ok }] of counts) {
    console.log(`hostile files, ${family}: tried ${tried}, handled ${ok}, failed ${tried - ok}`);
  }
});

function handled(c: (typeof HOSTILE_CASES)[number], o: ChildOutcome | undefined): boolean {
  if (!o || o.timedOut || o.code !== 0 || o.leaked !== 0) return false;
  if ((o.peakRssMiB ?? Infinity) > PEAK_LIMIT_MIB) return false;
  return c.expect === 'ok' ? o.ok === true : o.ok === false && c.expect.test(o.message ?? '');
}

describe('hostile model folders, each in a child process', () => {
  for (const c of HOSTILE_CASES) {
    it(`${c.family}: ${c.name}`, () => {
      const o = outcomes.get(c.name) as ChildOutcome;
      expect(o.timedOut, `${c.name} hung (killed after 20 s)`).toBe(false);
      expect(o.signal, `${c.name} died: ${o.stderr}`).toBeNull();
      expect(o.code, o.stderr).toBe(0);
      if (c.expect === 'ok') {
        expect(o.message).toBeUndefined();
        expect(o.ok).toBe(true);
      } else {
        expect(o.ok).toBe(false);
        expect(o.message).toMatch(c.expect);
        // A named Dendrite error, not a raw TypeError/RangeError from deep inside.
        expect(['ValueError', 'ShapeError', 'UnknownNameError', 'ConfigError']).toContain(o.name);
      }
      expect(o.leaked, 'tensors left behind').toBe(0);
      expect(o.peakRssMiB).toBeLessThan(PEAK_LIMIT_MIB);
    });
  }
});
