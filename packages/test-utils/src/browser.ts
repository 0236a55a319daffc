import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian installs Chromium; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. Outside CI a missing Chromium skips them; in CI
 * (`CI=true`) it is an error, so a broken install never passes silently.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `Chromium not found at ${chromiumPath}; CI must install it (apt-get install chromium)`,
    );
  }
  return false;
}

/**
 * A headless Chromium with WebGL on SwiftShader. Playwright gives every launch a fresh temporary
 * profile (its `launch` refuses a `--user-data-dir` flag) and removes it on close.
 */
export async function launchChromium(options: { webgpu?: boolean } = {}): Promise<{
  browser: Browser;
  close: () => Promise<void>;
}> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
    ...(options.webgpu
      ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader']
      : []),
  ];
  const browser = await chromium.launch({ executablePath: chromiumPath, args, headless: true });
  return {
    browser,
    close: () => browser.close(),
  };
}
