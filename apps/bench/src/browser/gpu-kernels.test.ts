// Dendrite's WebGL and WebGPU shaders run only in a browser: this checks them in Debian's
// Chromium (WebGL through ANGLE on SwiftShader, WebGPU on SwiftShader's Vulkan). Skipped with one
// line when Chromium is absent outside CI.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchData } from '../data.js';
import { chromiumPath, openBenchPage } from './driver.js';

const available = existsSync(chromiumPath) || process.env.CI === 'true';
if (!available) console.info(`skipping the browser kernel tests: no Chromium at ${chromiumPath}`);

// The page loads training data at start; these tests need none beyond one sample.
const data: BenchData = {
  images: new Float32Array(784),
  labels: new Float32Array(10),
  samples: 1,
  source: 'one blank sample',
};

describe.skipIf(!available)('DendriteAdamUpdate in Chromium', () => {
  it.each(['webgl', 'webgpu'] as const)(
    'runs as shaders on %s and matches the composed ops to 2e-6, leaking nothing',
    async (backend) => {
      const page = await openBenchPage(backend, data);
      try {
        const { registered, worst, leaked } = await page.checkAdam();
        expect(registered).toBe(true);
        expect(worst).toBeLessThanOrEqual(2e-6);
        expect(leaked).toBe(0);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
