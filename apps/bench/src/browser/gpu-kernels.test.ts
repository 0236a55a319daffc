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

describe.skipIf(!available)('Dendrite kernels in Chromium', () => {
  // Adam against the composed ops to 2e-6 (absolute); the product to 1e-5 (relative); the
  // cross-entropy's loss and both gradients against the cpu kernels to 2e-6 (relative); the
  // Dense backward (registered for webgl only) against the composed cpu ops to 1e-5; dropout
  // (webgl only) exactly as the contract's reference mask and scaling; the accuracy's hits (webgl
  // only) exactly as the composed cpu ops; the batch upload exactly as `tf.tensor` (both).
  const both: readonly string[] = ['webgl', 'webgpu'];
  const webglOnly: readonly string[] = ['webgl'];
  const checks = [
    ['DendriteAdamUpdate', 'checkAdam', 2e-6, both],
    ['DendriteMatMul', 'checkMatMul', 1e-5, both],
    ['DendriteSoftmaxCrossEntropy', 'checkSoftmaxCrossEntropy', 2e-6, both],
    ['DendriteDenseGrad', 'checkDenseGrad', 1e-5, webglOnly],
    ['DendriteDropout', 'checkDropout', 0, webglOnly],
    ['DendriteSoftmaxAccuracy', 'checkSoftmaxAccuracy', 0, webglOnly],
    ['uploadTensor', 'checkPackedUpload', 0, both],
  ] as const;
  it.each(['webgl', 'webgpu'] as const)(
    'run as shaders on %s, match the composed ops and leak nothing',
    async (backend) => {
      const page = await openBenchPage(backend, data);
      try {
        for (const [name, check, tolerance, backends] of checks) {
          if (!backends.includes(backend)) continue;
          const { registered, worst, leaked } = await page.checkKernel(check);
          expect({ name, registered, leaked }).toEqual({ name, registered: true, leaked: 0 });
          expect(worst, name).toBeLessThanOrEqual(tolerance);
        }
      } finally {
        await page.close();
      }
    },
    180_000,
  );
});
