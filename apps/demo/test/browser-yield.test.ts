// Issue 12 item 5 in a real browser: a user's page (no callback of ours) runs `model.fit` of the
// book's MLP while a 20 ms `setInterval` ticks; the page must keep ticking as it does under
// tfjs-layers, and the yielding must not change the losses. Headless Chromium, WebGL on
// SwiftShader and wasm. Skipped when Chromium is absent outside CI; required in CI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { browserAvailable, chromiumPath, launchChromium } from '@dendrite/test-utils/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FitReport, FitRequest } from './fixtures/yield-page/fit-request.js';
import { type ServedPage, servePage } from './page-server.js';

const available = browserAvailable();
if (!available) {
  console.warn(
    `browser yield test skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`,
  );
}

/**
 * The longest a page may go without a timer tick during `fit`. tfjs-layers, which yields a frame
 * about every 125 ms, measured 0.7 s on WebGL in issue 12 (Dendrite then: 13.5 s); the engine
 * yields about every 50 ms, so one second leaves room for a slow, shared machine.
 */
const LONGEST_GAP_MS = 1000;

/**
 * 4,096 samples at batch 32: 128 steps, each far shorter than the bound, whose queued WebGL work
 * took over 2 s to drain at the epoch's end before the engine awaited it.
 */
const SAMPLES = 4096;
const BATCH_SIZE = 32;

describe.skipIf(!available)('fit yields to a user page (Chromium)', () => {
  let work: string;
  let server: ServedPage;
  let chromium: { browser: Browser; close: () => Promise<void> };
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dendrite-web-yield-'));
    server = await servePage({ work, root: resolve(import.meta.dirname, 'fixtures/yield-page') });
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** One fit; `fresh` reloads the page first, so the backend starts cold (no shader built). */
  async function runFit(
    request: Omit<FitRequest, 'samples' | 'batchSize'>,
    fresh = false,
  ): Promise<FitReport> {
    if (fresh) {
      await page.goto(server.url);
      await page.waitForSelector('body[data-state=ready]', { state: 'attached', timeout: 60_000 });
    }
    return page.evaluate(
      (r) => (globalThis as unknown as { runFit: (r: FitRequest) => Promise<FitReport> }).runFit(r),
      { ...request, samples: SAMPLES, batchSize: BATCH_SIZE },
    );
  }

  const ms = (report: FitReport): string =>
    `${report.longestGapMs.toFixed(0)} ms (${report.ticks} ticks in ${report.fitMs.toFixed(0)} ms)`;

  it.each(['webgl', 'wasm'] as const)(
    '%s: the timer keeps ticking and the losses are those of an undisturbed fit',
    async (backend) => {
      const cold = await runFit({ library: 'dendrite', backend, ticking: true }, true);
      const warm = await runFit({ library: 'dendrite', backend, ticking: true });
      const quiet = await runFit({ library: 'dendrite', backend, ticking: false });
      const oracleCold = await runFit({ library: 'tfjs-layers', backend, ticking: true }, true);
      const oracleWarm = await runFit({ library: 'tfjs-layers', backend, ticking: true });
      console.log(
        `${backend} longest gap, cold page / warm page: Dendrite ${ms(cold)} / ${ms(warm)}; tfjs-layers ${ms(oracleCold)} / ${ms(oracleWarm)}`,
      );
      for (const report of [cold, warm, quiet]) {
        expect(report.backend).toBe(backend);
        expect(report.leakedTensors).toBe(0);
      }
      expect(warm.losses).toHaveLength(1);
      expect(Number.isFinite(warm.losses[0])).toBe(true);
      // Same seed, same data: yields landing at other batches (the timer and the shader builds
      // shift them) change nothing.
      expect(warm.losses).toEqual(quiet.losses);
      expect(cold.losses).toEqual(quiet.losses);
      // What the engine's yielding controls. A cold page also builds every WebGL shader inside
      // the first step, one synchronous stretch that tfjs-layers pays too (reported above).
      expect(warm.longestGapMs).toBeLessThanOrEqual(LONGEST_GAP_MS);
      expect(problems).toEqual([]);
    },
    300_000,
  );
});
