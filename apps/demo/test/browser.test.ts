// End-to-end test of the browser demo: builds the page with a small data subset, serves it with
// `vite preview`, and trains in Debian's Chromium on WebGL (SwiftShader). Skipped when Chromium
// is absent outside CI; required in CI. Leaves a screenshot in `test-artifacts/browser-e2e.png`.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { browserAvailable, chromiumPath, launchChromium } from '@dendrite/test-utils/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../scripts/prepare-data.js';
import { type ServedPage, servePage } from './page-server.js';

const appDir = resolve(import.meta.dirname, '..');
const artifacts = join(appDir, 'test-artifacts');
const available = browserAvailable();
if (!available) {
  console.warn(`browser e2e skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`);
}

const title = available
  ? 'browser demo (Chromium, WebGL on SwiftShader)'
  : `browser demo — skipped: no Chromium at ${chromiumPath}`;

describe.skipIf(!available)(title, () => {
  let work: string;
  let server: ServedPage;
  let chromium: { browser: Browser; close: () => Promise<void> };
  let page: Page;
  let url: string;
  const problems: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dendrite-web-e2e-'));
    const publicDir = join(work, 'public');
    // 2,000 training images (1,800 train + 200 validation), 500 test images.
    await prepareData({
      train: 2000,
      test: 500,
      outDir: join(publicDir, 'data'),
      download: false,
      log: () => {},
    });
    server = await servePage({ work, publicDir });
    url = server.url;
    chromium = await launchChromium();
    page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('trains on WebGL, updates charts and metrics, and round-trips the model through IndexedDB', async () => {
    await page.goto(url);
    await page.waitForSelector('body[data-state=ready]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=backend]')).toBe('webgl');
    expect(await page.textContent('[data-testid=status]')).toContain(
      '2000 training and 500 test images',
    );

    await page.selectOption('[data-testid=model]', 'relu');
    await page.selectOption('[data-testid=optimizer]', 'adam');
    await page.fill('[data-testid=epochs]', '2');
    await page.fill('[data-testid=batch-size]', '64');
    await page.fill('[data-testid=train-size]', '2000');
    await page.uncheck('[data-testid=early-stopping]');
    await page.click('[data-testid=start]');
    await page.waitForSelector('body[data-state=done]', { timeout: 150_000 });

    const history = JSON.parse(
      (await page.getAttribute('#train', 'data-history')) ?? '{}',
    ) as Record<string, number[]>;
    const loss = history.loss ?? [];
    const accuracy = history.accuracy ?? history.acc ?? [];
    expect(loss).toHaveLength(2);
    expect(loss.every(Number.isFinite)).toBe(true);
    // Adam on 1,800 images: the second epoch's mean loss is below the first's.
    expect(loss[1]!).toBeLessThan(loss[0]!);
    const shownAccuracy = Number(await page.textContent('[data-testid=accuracy]'));
    expect(shownAccuracy).toBeCloseTo(accuracy[1]!, 4);
    expect(shownAccuracy).toBeGreaterThan(0.3);
    expect(shownAccuracy).toBeLessThanOrEqual(1);
    const testAccuracy = Number(await page.textContent('[data-testid=test-accuracy]'));
    expect(testAccuracy).toBeGreaterThan(0.3);
    // Two series (train, validation) of two epochs in each chart.
    expect(await page.getAttribute('[data-testid=loss-chart]', 'data-points')).toBe('4');
    expect(await page.getAttribute('[data-testid=accuracy-chart]', 'data-points')).toBe('4');
    expect(await page.locator('[data-testid=loss-chart] svg path').count()).toBeGreaterThanOrEqual(
      2,
    );
    expect(await page.locator('[data-testid=confusion] svg').count()).toBe(1);
    expect(await page.locator('[data-testid=samples] canvas').count()).toBe(16);
    expect(await page.getAttribute('[data-testid=progress]', 'value')).toBe('1');

    const probe = await page.textContent('[data-testid=probe]');
    expect(probe).toMatch(/p = \[/);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'browser-e2e.png'), fullPage: true });

    await page.click('[data-testid=save]');
    await page.waitForFunction(() =>
      /saved|failed/.test(
        document.querySelector('[data-testid=storage-status]')?.textContent ?? '',
      ),
    );
    expect(await page.textContent('[data-testid=storage-status]')).toContain('saved to IndexedDB');

    // A fresh page knows the model only through IndexedDB.
    await page.reload();
    await page.waitForSelector('body[data-state=ready]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=probe]')).toBe('–');
    await page.click('[data-testid=load]');
    await page.waitForFunction(
      () =>
        /loaded|failed/.test(
          document.querySelector('[data-testid=storage-status]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.textContent('[data-testid=storage-status]')).toContain(
      'loaded from IndexedDB',
    );
    expect(await page.textContent('[data-testid=probe]')).toBe(probe);
    expect(Number(await page.textContent('[data-testid=test-accuracy]'))).toBe(testAccuracy);

    expect(problems).toEqual([]);
  }, 240_000);
});
