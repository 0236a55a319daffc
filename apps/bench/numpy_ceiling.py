"""The NumPy ceiling for the book's model: 784 -> Dense 100 relu -> Dropout 0.3 -> Dense 10 softmax,
categorical crossentropy, Adam (Keras defaults), float32, hand-written forward/backward, every
buffer preallocated per batch size and every operation in place (see `Step`).

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


class Step:
    """Every buffer one training step touches, allocated once for a batch size: the loop below runs
    each operation in place (`out=`), in float32, as a NumPy expert writes a tight loop."""

    def __init__(self, batch_size):
        f32 = np.float32
        self.xb = np.empty((batch_size, 784), f32)
        self.labels = np.empty(batch_size, np.intp)
        self.rows = np.arange(batch_size)
        self.z = np.empty((batch_size, 100), f32)  # relu(x w1 + b1), then the dropped-out copy
        self.h = np.empty((batch_size, 100), f32)
        self.keep = np.empty((batch_size, 100), f32)  # dropout scale times relu'(z): 0 or 1/0.7
        self.random = np.empty((batch_size, 100), f32)
        self.flag = np.empty((batch_size, 100), np.bool_)
        self.p = np.empty((batch_size, 10), f32)
        self.row = np.empty((batch_size, 1), f32)
        self.picked = np.empty(batch_size, f32)
        self.dh = np.empty((batch_size, 100), f32)
        self.grads = [np.empty((784, 100), f32), np.empty(100, f32), np.empty((100, 10), f32), np.empty(10, f32)]
        self.tmp = [np.empty_like(g) for g in self.grads]

    def view(self, k):
        """The buffers for a last, smaller batch of k rows (views, no copies)."""
        if k == self.xb.shape[0]:
            return self
        part = object.__new__(Step)
        for name, value in vars(self).items():
            part.__dict__[name] = value if name in ("grads", "tmp") else value[:k]
        return part


def train(x, y, batch_size, epochs, seed=42):
    rng = np.random.default_rng(seed)
    f32 = np.float32
    params = [glorot(rng, 784, 100), np.zeros(100, f32), glorot(rng, 100, 10), np.zeros(10, f32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    labels = y.argmax(axis=1)
    lr, b1, b2, eps, step = 1e-3, 0.9, 0.999, 1e-7, 0
    rate, scale = f32(0.3), f32(1 / 0.7)
    n = x.shape[0]
    full = Step(batch_size)
    times, losses = [], []
    for _ in range(epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(n)
        total = 0.0
        for s in range(0, n, batch_size):
            idx = order[s : s + batch_size]
            k = idx.shape[0]
            b = full.view(k)
            w1, bias1, w2, bias2 = params
            dw1, db1, dw2, db2 = b.grads
            np.take(x, idx, axis=0, out=b.xb)
            np.take(labels, idx, out=b.labels)
            # Forward: h = relu(x w1 + b1); z = dropout(h); p = softmax(z w2 + b2).
            np.matmul(b.xb, w1, out=b.h)
            b.h += bias1
            np.maximum(b.h, 0, out=b.h)
            rng.random(out=b.random, dtype=f32)
            np.greater_equal(b.random, rate, out=b.flag)
            np.multiply(b.flag, scale, out=b.keep)
            np.multiply(b.h, b.keep, out=b.z)
            np.matmul(b.z, w2, out=b.p)
            b.p += bias2
            np.max(b.p, axis=1, keepdims=True, out=b.row)
            b.p -= b.row
            np.exp(b.p, out=b.p)
            np.sum(b.p, axis=1, keepdims=True, out=b.row)
            b.p /= b.row
            # Loss: -log of the true class's probability (the one-hot sum's only term).
            rows = b.rows
            np.maximum(b.p[rows, b.labels], f32(1e-7), out=b.picked)
            np.log(b.picked, out=b.picked)
            total -= float(b.picked.sum(dtype=np.float64))
            # Backward: dlogits = (p - y) / k, in p's buffer.
            b.p[rows, b.labels] -= 1
            b.p *= f32(1 / k)
            np.matmul(b.z.T, b.p, out=dw2)
            np.sum(b.p, axis=0, out=db2)
            np.matmul(b.p, w2.T, out=b.dh)
            np.greater(b.h, 0, out=b.flag)
            b.keep *= b.flag
            b.dh *= b.keep
            np.matmul(b.xb.T, b.dh, out=dw1)
            np.sum(b.dh, axis=0, out=db1)
            # Adam (Keras 3's rule), every update in the parameters' and moments' own memory.
            step += 1
            alpha = f32(lr * np.sqrt(1 - b2**step) / (1 - b1**step))
            for i, g in enumerate(b.grads):
                t = b.tmp[i]
                m[i] *= f32(b1)
                np.multiply(g, f32(1 - b1), out=t)
                m[i] += t
                v[i] *= f32(b2)
                np.multiply(g, g, out=t)
                t *= f32(1 - b2)
                v[i] += t
                np.sqrt(v[i], out=t)
                t += f32(eps)
                np.divide(m[i], t, out=t)
                t *= alpha
                params[i] -= t
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
    try:
        config = np.show_config(mode="dicts")
    except TypeError:  # NumPy before 1.25 only prints its configuration
        config = {}
    blas = config.get("Build Dependencies", {}).get("blas", {}).get("name", "unknown") if isinstance(config, dict) else "unknown"
    print(json.dumps({"numpy": np.__version__, "blas": blas, "source": source, "samples": int(x.shape[0]), "results": results}))


if __name__ == "__main__":
    main()
