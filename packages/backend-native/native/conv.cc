#include <cblas.h>

#include <algorithm>
#include <vector>

#include "kernels.h"

namespace dendrite {

namespace {

// The im2col buffer is built for a few images at a time so memory stays bounded.
constexpr int64_t kColumnBudget = int64_t{1} << 24;  // floats (64 MiB)

int64_t ImagesPerChunk(const ConvGeometry& g) {
  const int64_t perImage = std::max<int64_t>(1, g.outH * g.outW * g.kH * g.kW * g.inC);
  return std::max<int64_t>(1, std::min<int64_t>(g.batch, kColumnBudget / perImage));
}

bool IsPointwise(const ConvGeometry& g) {
  return g.kH == 1 && g.kW == 1 && g.strideH == 1 && g.strideW == 1 && g.padTop == 0 &&
         g.padLeft == 0 && g.outH == g.inH && g.outW == g.inW;
}

// col[(image, oy, ox), (ky, kx, c)] = x[image, oy*sH - padTop + ky*dH, ox*sW - padLeft + kx*dW, c].
void Im2Col(const float* x, float* col, int64_t images, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  for (int64_t image = 0; image < images; ++image) {
    const float* xImage = x + image * g.inH * g.inW * g.inC;
    for (int64_t oy = 0; oy < g.outH; ++oy) {
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        float* row = col + ((image * g.outH + oy) * g.outW + ox) * k;
        for (int64_t ky = 0; ky < g.kH; ++ky) {
          const int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
          for (int64_t kx = 0; kx < g.kW; ++kx) {
            const int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
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
  }
}

// The adjoint of Im2Col: dx[image, iy, ix, c] += col[...] over every window that read it.
void Col2ImAdd(const float* col, float* dx, int64_t images, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  for (int64_t image = 0; image < images; ++image) {
    float* dxImage = dx + image * g.inH * g.inW * g.inC;
    for (int64_t oy = 0; oy < g.outH; ++oy) {
      for (int64_t ox = 0; ox < g.outW; ++ox) {
        const float* row = col + ((image * g.outH + oy) * g.outW + ox) * k;
        for (int64_t ky = 0; ky < g.kH; ++ky) {
          const int64_t iy = oy * g.strideH - g.padTop + ky * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (int64_t kx = 0; kx < g.kW; ++kx) {
            const int64_t ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            const float* src = row + (ky * g.kW + kx) * g.inC;
            float* dst = dxImage + (iy * g.inW + ix) * g.inC;
            for (int64_t c = 0; c < g.inC; ++c) dst[c] += src[c];
          }
        }
      }
    }
  }
}

blasint B(int64_t v) { return static_cast<blasint>(v); }

}  // namespace

void Conv2D(const float* x, const float* filter, float* y, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t rowsPerImage = g.outH * g.outW;
  if (rowsPerImage == 0 || g.outC == 0 || g.batch == 0) return;
  if (IsPointwise(g)) {
    Sgemm(false, false, B(g.batch * rowsPerImage), B(g.outC),
                B(k), 1.0f, x, B(k), filter, B(g.outC), 0.0f, y, B(g.outC));
    return;
  }
  const int64_t chunk = ImagesPerChunk(g);
  std::vector<float> col(static_cast<size_t>(chunk * rowsPerImage * k));
  for (int64_t first = 0; first < g.batch; first += chunk) {
    const int64_t images = std::min(chunk, g.batch - first);
    Im2Col(x + first * g.inH * g.inW * g.inC, col.data(), images, g);
    Sgemm(false, false, B(images * rowsPerImage), B(g.outC),
                B(k), 1.0f, col.data(), B(k), filter, B(g.outC), 0.0f,
                y + first * rowsPerImage * g.outC, B(g.outC));
  }
}

void Conv2DBackpropInput(const float* dy, const float* filter, float* dx, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t rowsPerImage = g.outH * g.outW;
  std::fill(dx, dx + g.batch * g.inH * g.inW * g.inC, 0.0f);
  if (rowsPerImage == 0 || g.outC == 0 || g.batch == 0) return;
  if (IsPointwise(g)) {
    Sgemm(false, true, B(g.batch * rowsPerImage), B(k),
                B(g.outC), 1.0f, dy, B(g.outC), filter, B(g.outC), 0.0f, dx, B(k));
    return;
  }
  const int64_t chunk = ImagesPerChunk(g);
  std::vector<float> col(static_cast<size_t>(chunk * rowsPerImage * k));
  for (int64_t first = 0; first < g.batch; first += chunk) {
    const int64_t images = std::min(chunk, g.batch - first);
    Sgemm(false, true, B(images * rowsPerImage), B(k),
                B(g.outC), 1.0f, dy + first * rowsPerImage * g.outC, B(g.outC), filter, B(g.outC),
                0.0f, col.data(), B(k));
    Col2ImAdd(col.data(), dx + first * g.inH * g.inW * g.inC, images, g);
  }
}

void Conv2DBackpropFilter(const float* x, const float* dy, float* dFilter, const ConvGeometry& g) {
  const int64_t k = g.kH * g.kW * g.inC;
  const int64_t rowsPerImage = g.outH * g.outW;
  std::fill(dFilter, dFilter + k * g.outC, 0.0f);
  if (rowsPerImage == 0 || g.outC == 0 || g.batch == 0) return;
  if (IsPointwise(g)) {
    Sgemm(true, false, B(k), B(g.outC),
                B(g.batch * rowsPerImage), 1.0f, x, B(k), dy, B(g.outC), 0.0f, dFilter, B(g.outC));
    return;
  }
  const int64_t chunk = ImagesPerChunk(g);
  std::vector<float> col(static_cast<size_t>(chunk * rowsPerImage * k));
  for (int64_t first = 0; first < g.batch; first += chunk) {
    const int64_t images = std::min(chunk, g.batch - first);
    Im2Col(x + first * g.inH * g.inW * g.inC, col.data(), images, g);
    Sgemm(true, false, B(k), B(g.outC), B(images * rowsPerImage),
                1.0f, col.data(), B(k), dy + first * rowsPerImage * g.outC, B(g.outC), 1.0f,
                dFilter, B(g.outC));
  }
}

}  // namespace dendrite
