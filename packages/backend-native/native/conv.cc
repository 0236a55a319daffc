// Convolutions as im2col + one sgemm per tile. A tile is a run of consecutive output pixels
// (rows of the im2col matrix, across images and output rows), so the scratch buffer never holds
// more than the budget, whatever the image size: at least one pixel's window (kH·kW·inC floats,
// no more than the filter itself) and otherwise as many pixels as fit in the budget.
#include <cblas.h>

#include <algorithm>
#include <vector>

#include "kernels.h"

namespace dendrite {

namespace {

int64_t columnBudget = kDefaultScratchBudget;

bool IsPointwise(const ConvGeometry& g) {
  return g.kH == 1 && g.kW == 1 && g.strideH == 1 && g.strideW == 1 && g.padTop == 0 &&
         g.padLeft == 0 && g.outH == g.inH && g.outW == g.inW;
}

// Output pixels per tile: as many as fit in the budget, at least one.
int64_t PixelsPerTile(const ConvGeometry& g, int64_t pixels) {
  const int64_t k = std::max<int64_t>(1, g.kH * g.kW * g.inC);
  return std::max<int64_t>(1, std::min<int64_t>(pixels, columnBudget / k));
}

// The position of output pixel p (flattened over image, oy, ox).
struct Pixel {
  int64_t image, oy, ox;
};

Pixel PixelAt(int64_t p, const ConvGeometry& g) {
  const int64_t perImage = g.outH * g.outW;
  const int64_t within = p % perImage;
  return {p / perImage, within / g.outW, within % g.outW};
}

// Advances to the next output pixel in row-major order.
void Next(Pixel& at, const ConvGeometry& g) {
  if (++at.ox < g.outW) return;
  at.ox = 0;
  if (++at.oy < g.outH) return;
  at.oy = 0;
  ++at.image;
}

// col[p - first, (ky, kx, c)] = x[image, oy*sH - padTop + ky*dH, ox*sW - padLeft + kx*dW, c] for
// the output pixels p in [first, first + count).
void Im2Col(const float* x, float* col, int64_t first, int64_t count, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  Pixel at = PixelAt(first, g);
  for (int64_t p = 0; p < count; ++p, Next(at, g)) {
    const float* xImage = x + at.image * g.inH * g.inW * g.inC;
    float* row = col + p * k;
    for (int64_t ky = 0; ky < g.kH; ++ky) {
      const int64_t iy = at.oy * g.strideH - g.padTop + ky * g.dilationH;
      for (int64_t kx = 0; kx < g.kW; ++kx) {
        const int64_t ix = at.ox * g.strideW - g.padLeft + kx * g.dilationW;
        float* dst = row + (ky * g.kW + kx) * g.inC;
        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
          std::fill(dst, dst + g.inC, 0.0f);
        } else {
          const float* src = xImage + (iy * g.inW + ix) * g.inC;
          std::copy(src, src + g.inC, dst);
        }
      }
    }
  }
}

// The adjoint of Im2Col: dx[image, iy, ix, c] += col[...] over every window that read it.
void Col2ImAdd(const float* col, float* dx, int64_t first, int64_t count, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  Pixel at = PixelAt(first, g);
  for (int64_t p = 0; p < count; ++p, Next(at, g)) {
    float* dxImage = dx + at.image * g.inH * g.inW * g.inC;
    const float* row = col + p * k;
    for (int64_t ky = 0; ky < g.kH; ++ky) {
      const int64_t iy = at.oy * g.strideH - g.padTop + ky * g.dilationH;
      if (iy < 0 || iy >= g.inH) continue;
      for (int64_t kx = 0; kx < g.kW; ++kx) {
        const int64_t ix = at.ox * g.strideW - g.padLeft + kx * g.dilationW;
        if (ix < 0 || ix >= g.inW) continue;
        const float* src = row + (ky * g.kW + kx) * g.inC;
        float* dst = dxImage + (iy * g.inW + ix) * g.inC;
        for (int64_t c = 0; c < g.inC; ++c) dst[c] += src[c];
      }
    }
  }
}

}  // namespace

int64_t SetScratchBudget(int64_t floats) {
  const int64_t previous = columnBudget;
  columnBudget = std::max<int64_t>(1, floats);
  return previous;
}

void Conv2D(const float* x, const float* filter, float* y, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t pixels = g.batch * g.outH * g.outW;
  if (pixels == 0 || g.outC == 0) return;
  if (IsPointwise(g)) {
    Sgemm(false, false, pixels, g.outC, k, 1.0f, x, k, filter, g.outC, 0.0f, y, g.outC);
    return;
  }
  const int64_t tile = PixelsPerTile(g, pixels);
  std::vector<float> col(static_cast<size_t>(tile * k));
  for (int64_t first = 0; first < pixels; first += tile) {
    const int64_t count = std::min(tile, pixels - first);
    Im2Col(x, col.data(), first, count, g);
    Sgemm(false, false, count, g.outC, k, 1.0f, col.data(), k, filter, g.outC, 0.0f,
          y + first * g.outC, g.outC);
  }
}

void Conv2DBackpropInput(const float* dy, const float* filter, float* dx, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t pixels = g.batch * g.outH * g.outW;
  std::fill(dx, dx + g.batch * g.inH * g.inW * g.inC, 0.0f);
  if (pixels == 0 || g.outC == 0) return;
  if (IsPointwise(g)) {
    Sgemm(false, true, pixels, k, g.outC, 1.0f, dy, g.outC, filter, g.outC, 0.0f, dx, k);
    return;
  }
  const int64_t tile = PixelsPerTile(g, pixels);
  std::vector<float> col(static_cast<size_t>(tile * k));
  for (int64_t first = 0; first < pixels; first += tile) {
    const int64_t count = std::min(tile, pixels - first);
    Sgemm(false, true, count, k, g.outC, 1.0f, dy + first * g.outC, g.outC, filter, g.outC, 0.0f,
          col.data(), k);
    Col2ImAdd(col.data(), dx, first, count, g);
  }
}

void Conv2DBackpropFilter(const float* x, const float* dy, float* dFilter, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t pixels = g.batch * g.outH * g.outW;
  std::fill(dFilter, dFilter + k * g.outC, 0.0f);
  if (pixels == 0 || g.outC == 0) return;
  if (IsPointwise(g)) {
    Sgemm(true, false, k, g.outC, pixels, 1.0f, x, k, dy, g.outC, 0.0f, dFilter, g.outC);
    return;
  }
  const int64_t tile = PixelsPerTile(g, pixels);
  std::vector<float> col(static_cast<size_t>(tile * k));
  for (int64_t first = 0; first < pixels; first += tile) {
    const int64_t count = std::min(tile, pixels - first);
    Im2Col(x, col.data(), first, count, g);
    Sgemm(true, false, k, g.outC, count, 1.0f, col.data(), k, dy + first * g.outC, g.outC, 1.0f,
          dFilter, g.outC);
  }
}

}  // namespace dendrite
