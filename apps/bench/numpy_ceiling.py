"""The NumPy ceiling for the book's model: 784 -> Dense 100 relu -> Dropout 0.3 -> Dense 10 softmax,
categorical crossentropy, Adam (Keras defaults), float32, hand-written forward/backward.

Usage: python3 numpy_ceiling.py --batch-sizes 32,128,512 --epochs 2 --samples 48000 [--data DIR]
Prints one JSON line: {"blas": ..., "results": [{"batchSize", "epochSeconds", "secondsPerEpoch", "losses"}]}.
One untimed warm-up epoch precedes the timed ones, as in the TypeScript bench.
"""

import argparse
import gzip
import json
import os
import time

import numpy as np


def load(folder, samples):
    path = os.path.join(folder or "", "train-images-idx3-ubyte.gz")
    if folder and os.path.exists(path):
        with gzip.open(path) as f:
            images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
        with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz")) as f:
            labels = np.frombuffer(f.read(), np.uint8, offset=8)
        source = f"Fashion-MNIST ({folder})"
    else:
        rng = np.random.default_rng(1234)
        images = rng.integers(0, 256, (samples, 784)).astype(np.uint8)
        labels = rng.integers(0, 10, samples).astype(np.uint8)
        source = "synthetic"
    x = (images[:samples] / 255.0).astype(np.float32)
    y = np.eye(10, dtype=np.float32)[labels[:samples]]
    return x, y, source


def glorot(rng, fan_in, fan_out):
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)


def train(x, y, batch_size, epochs, seed=42):
    rng = np.random.default_rng(seed)
    params = [glorot(rng, 784, 100), np.zeros(100, np.float32), glorot(rng, 100, 10), np.zeros(10, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, eps, step = 1e-3, 0.9, 0.999, 1e-7, 0
    n = x.shape[0]
    times, losses = [], []
    for _ in range(epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(n)
        total = 0.0
        for s in range(0, n, batch_size):
            idx = order[s : s + batch_size]
            xb, yb = x[idx], y[idx]
            w1, b1_, w2, b2_ = params
            z1 = xb @ w1 + b1_
            h = np.maximum(z1, 0)
            mask = (rng.random(h.shape, dtype=np.float32) >= 0.3).astype(np.float32) / np.float32(0.7)
            hd = h * mask
            logits = hd @ w2 + b2_
            logits -= logits.max(axis=1, keepdims=True)
            e = np.exp(logits)
            p = e / e.sum(axis=1, keepdims=True)
            k = xb.shape[0]
            total += float(-(yb * np.log(np.maximum(p, 1e-7))).sum())
            dlogits = (p - yb) / np.float32(k)
            dw2 = hd.T @ dlogits
            db2 = dlogits.sum(axis=0)
            dh = (dlogits @ w2.T) * mask * (z1 > 0)
            dw1 = xb.T @ dh
            db1 = dh.sum(axis=0)
            step += 1
            alpha = lr * np.sqrt(1 - b2**step) / (1 - b1**step)
            for i, g in enumerate((dw1, db1, dw2, db2)):
                m[i] *= b1
                m[i] += (1 - b1) * g
                v[i] *= b2
                v[i] += (1 - b2) * g * g
                params[i] -= (alpha * m[i] / (np.sqrt(v[i]) + eps)).astype(np.float32)
        times.append(time.perf_counter() - start)
        losses.append(total / n)
    timed = times[1:]
    return {
        "batchSize": batch_size,
        "epochSeconds": timed,
        "secondsPerEpoch": float(np.median(timed)),
        "losses": losses,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch-sizes", default="32,128,512")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--samples", type=int, default=48000)
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    x, y, source = load(args.data, args.samples)
    results = [train(x, y, int(b), args.epochs) for b in args.batch_sizes.split(",")]
    config = np.show_config(mode="dicts") if hasattr(np, "show_config") else {}
    blas = config.get("Build Dependencies", {}).get("blas", {}).get("name", "unknown") if isinstance(config, dict) else "unknown"
    print(json.dumps({"numpy": np.__version__, "blas": blas, "source": source, "samples": int(x.shape[0]), "results": results}))


if __name__ == "__main__":
    main()
