import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceDrained, nextMacrotask, Pacer, YIELD_EVERY_MS } from './pacer.js';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('Pacer', () => {
  it('yields only once the work since the last yield reaches the budget', async () => {
    let clock = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const pacer = new Pacer();
    clock += YIELD_EVERY_MS - 1;
    expect(pacer.tick()).toBeUndefined();
    clock += 1;
    const pause = pacer.tick();
    expect(pause).toBeInstanceOf(Promise);
    await pause;
    // The budget starts again after the yield.
    clock += YIELD_EVERY_MS - 1;
    expect(pacer.tick()).toBeUndefined();
  });

  it('in a browser with GPU work queued, waits for an animation frame; else a timer', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    let done = false;
    const onFrame = nextMacrotask('webgl').then(() => {
      done = true;
    });
    expect(frames.length).toBe(1);
    await Promise.resolve();
    expect(done).toBe(false);
    frames[0]?.();
    await onFrame;
    expect(done).toBe(true);
    // The cpu backend (or a hidden page) takes a timer turn, no frame.
    await nextMacrotask('cpu');
    vi.stubGlobal('document', { visibilityState: 'hidden' });
    await nextMacrotask('webgl');
    expect(frames.length).toBe(1);
  });
});

describe('deviceDrained', () => {
  // On WebGL it is checked end to end in apps/demo/test/browser-yield.test.ts.
  it('off a GPU backend, returns without reading the model', async () => {
    const getTopology = vi.fn(() => {
      throw new Error('read the model');
    });
    await expect(deviceDrained({ getTopology })).resolves.toBeUndefined();
    expect(getTopology).not.toHaveBeenCalled();
  });
});
