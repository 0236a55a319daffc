"""NumPy/OpenBLAS reference for bench/matmul.bench.ts: the same product and training step."""
import time

import numpy as np

m, k, n = 512, 784, 100
rng = np.random.default_rng(0)


def seconds(fn, min_seconds=0.5):
    fn()
    fn()
    runs, start = 0, time.perf_counter()
    while runs < 3 or time.perf_counter() - start < min_seconds:
        fn()
        runs += 1
    return (time.perf_counter() - start) / runs


flops = 2 * m * n * k
cells = []
for ta, tb in [(False, False), (True, False), (False, True), (True, True)]:
    a = rng.standard_normal((k, m) if ta else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if tb else (k, n), dtype=np.float32)
    cells.append(flops / seconds(lambda: (a.T if ta else a) @ (b.T if tb else b)) / 1e9)

x = rng.standard_normal((m, 784), dtype=np.float32)
y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, m)]
w1 = rng.standard_normal((784, 100), dtype=np.float32) * 0.05
b1 = np.zeros(100, np.float32)
w2 = rng.standard_normal((100, 10), dtype=np.float32) * 0.1
b2 = np.zeros(10, np.float32)


def step():
    global w1, b1, w2, b2
    h = np.maximum(x @ w1 + b1, 0)
    mask = (rng.random(h.shape) >= 0.3).astype(np.float32) / 0.7
    d = h * mask
    z = d @ w2 + b2
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    dz = (p - y) / m
    dw2, db2 = d.T @ dz, dz.sum(0)
    dh = (dz @ w2.T) * mask * (h > 0)
    dw1, db1 = x.T @ dh, dh.sum(0)
    w1 -= 0.01 * dw1
    b1 -= 0.01 * db1
    w2 -= 0.01 * dw2
    b2 -= 0.01 * db2


print("| numpy | " + " | ".join(f"{c:.1f}" for c in cells) + f" | {seconds(step) * 1000:.1f} ms |")
