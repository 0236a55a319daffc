// Float32 kernels over OpenBLAS. Pointers are row-major, densely packed; no bounds checks here
// (the Node-API bindings, bind-*.cc, validate every length before calling in).
#pragma once
#include <cstdint>

// Hot element-wise loops get a second, AVX2 copy that the loader picks on processors that have
// it (GCC's function multiversioning). AVX2 alone brings no fused multiply-add, so both copies
// round every float32 operation alike: their results agree to the bit. Elsewhere (another
// processor, system or compiler): one plain copy.
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__) && !defined(__clang__)
#define DENDRITE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define DENDRITE_VECTOR_CLONES
#endif

namespace dendrite {

// Geometry of one NHWC 2-D convolution, as tfjs-core's computeConv2DInfo reports it.
struct ConvGeometry {
  int64_t batch, inH, inW, inC, outH, outW, outC, kH, kW;
  int64_t strideH, strideW, dilationH, dilationW, padTop, padLeft;
};

// Activations the fused products apply, in the order of kActivationNames.
enum Activation : int { kLinear, kRelu, kRelu6, kElu, kLeakyRelu, kSigmoid, kActivationCount };

enum BinaryOp : int { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kBinaryOpCount = 4 };

enum UnaryOp : int {
  kSqrt = 0,
  kSquare = 1,
  kReluOp = 2,
  kStep = 3,
  kExp = 4,
  kNeg = 5,
  kLog = 6,
  kSigmoidOp = 7,
  kUnaryOpCount = 8,
};

// The codes above by the names the TypeScript kernel table uses (tfjs kernel names for the ops,
// tfjs activation names), exported by the addon's opCodes(); a test checks both directions.
struct OpName {
  const char* name;
  int code;
};

inline constexpr OpName kBinaryOpNames[kBinaryOpCount] = {
    {"Add", kAdd}, {"Sub", kSub}, {"Multiply", kMul}, {"RealDiv", kDiv}};

inline constexpr OpName kUnaryOpNames[kUnaryOpCount] = {
    {"Sqrt", kSqrt}, {"Square", kSquare}, {"Relu", kReluOp}, {"Step", kStep},
    {"Exp", kExp},   {"Neg", kNeg},       {"Log", kLog},   {"Sigmoid", kSigmoidOp}};

inline constexpr OpName kActivationNames[kActivationCount] = {
    {"linear", kLinear}, {"relu", kRelu},           {"relu6", kRelu6},
    {"elu", kElu},       {"leakyrelu", kLeakyRelu}, {"sigmoid", kSigmoid}};

struct AdamAttrs {
  double alpha, beta1, beta2, epsilon;
};

// out[i] = a[(i / aInner) % aSize] op b[(i / bInner) % bSize] for i < size; one operand has
// size elements (and inner 1), the other's size times inner divides size.
void Binary(BinaryOp op, const float* a, int64_t aSize, int64_t aInner, const float* b,
            int64_t bSize, int64_t bInner, float* out, int64_t size);

// out[i] = op(x[i]); alpha is Step's value for x <= 0.
void Unary(UnaryOp op, const float* x, float* out, int64_t size, float alpha);

// out[j] = sum over i of x[i, j] for a rows x columns matrix (a sum over leading axes).
void SumLeading(const float* x, float* out, int64_t rows, int64_t columns);

// out[i] = sum over j of x[i, j] (a sum over trailing axes).
void SumTrailing(const float* x, float* out, int64_t rows, int64_t columns);

// Softmax along the rows of a rows x columns matrix (columns >= 1).
void Softmax(const float* x, float* out, int64_t rows, int64_t columns);

// The rows where the first largest label is also the first largest of Softmax(logits): the hits
// of Keras' categorical accuracy on a softmax output given its logits.
int64_t SoftmaxAccuracyHits(const float* logits, const float* labels, int64_t rows,
                            int64_t columns);

// One Adam step (Keras 3 rule, see the optimizers package): m' = m + (g - m)(1 - beta1),
// v' = v + (g^2 - v)(1 - beta2), w' = w - alpha m' / (sqrt(v') + epsilon).
void AdamUpdate(const float* w, const float* g, const float* m, const float* v, float* outW,
                float* outM, float* outV, int64_t size, const AdamAttrs& attrs);

// The same step written into w, m and v themselves (four arrays that overlap nothing).
void AdamUpdateInPlace(float* w, const float* g, float* m, float* v, int64_t size,
                       const AdamAttrs& attrs);

// The Dense layer's backward pass: dz = dy * step(out) (dz = dy where out is null), dKernel =
// x^T dz, dBias = the column sums of dz (as SumLeading), dx = dz kernel^T; null dBias or dx are
// not computed. x is n x k, kernel k x u, dy and out n x u.
void DenseGrad(const float* dy, const float* x, const float* kernel, const float* out,
               float* dKernel, float* dBias, float* dx, int64_t n, int64_t k, int64_t u);

// Grows this thread's DenseGrad scratch to `size` floats (n x u), so that calls up to that size
// find it in place.
void ReserveDenseGrad(int64_t size);

// Inverted dropout: mask[i] = 1 unless the i-th mulberry32 draw after `state` is below
// rate * 2^32, y[i] = x[i] * (mask[i] ? scale : 0).
void Dropout(const float* x, float* y, uint8_t* mask, int64_t size, uint32_t state, double rate,
             float scale);

// dx[i] = dy[i] * (mask[i] ? scale : 0).
void DropoutGrad(const float* dy, const uint8_t* mask, float* dx, int64_t size, float scale);

// Softmax cross-entropy over rows x classes logits and labels, with the log-probabilities clipped
// to [low, high]: loss[row] = -sum_c labels * clip(logSoftmax(logits)).
void SoftmaxCrossEntropy(const float* logits, const float* labels, float* loss, int64_t rows,
                         int64_t classes, double low, double high);

// Its gradient: dLogits = dy (p S - labels u), dLabels = -dy clip(logSoftmax(logits)), where p is
// the softmax, u is 1 where the clip leaves the log-probability alone and S = sum_c labels u; a
// null dLabels is not computed.
void SoftmaxCrossEntropyGrad(const float* dy, const float* logits, const float* labels,
                             float* dLogits, float* dLabels, int64_t rows, int64_t classes,
                             double low, double high);

// Both at once, each row's log-softmax computed once: loss as SoftmaxCrossEntropy, dLogits as
// SoftmaxCrossEntropyGrad, to the bit.
void SoftmaxCrossEntropyWithGrad(const float* dy, const float* logits, const float* labels,
                                 float* loss, float* dLogits, int64_t rows, int64_t classes,
                                 double low, double high);

// target row k = source row order[k] for k < count (rows of rowSize floats), split across the
// pool's threads; every order[k] names a row of source (the binding checks).
void GatherRows(const float* source, const int32_t* order, int64_t count, int64_t rowSize,
                float* target);

// One Dense layer of DenseChainGrad: its weights, where its gradients go (dBias null when the
// layer has no bias), its activation and the inverted dropout on its input (rate 0: none). When
// the chain applies Adam, the weights are updated in place with their moments (kernelM, kernelV,
// and biasM, biasV when it has a bias); else those are null.
struct ChainLayer {
  int64_t units;
  bool relu;
  double dropoutRate;
  uint32_t dropoutState;
  float* kernel;
  float* bias;
  float* dKernel;
  float* dBias;
  float* kernelM;
  float* kernelV;
  float* biasM;
  float* biasV;
};

// A whole training step of x (n x inputs) -> layers -> logits (n x classes) with the mean softmax
// cross-entropy against labels (log-probabilities clipped to [low, high]): writes the logits and
// every layer's gradients, returns the loss. The kernels above in the order the per-layer path
// runs them; the intermediates stay in per-thread buffers reused by the next call. With `adam`
// (else null), each layer's weights then take AdamUpdateInPlace with their gradients as soon as
// the layer's backward pass no longer needs them (its gradients still in cache).
float DenseChainGrad(const float* x, const float* labels, int64_t n, int64_t inputs,
                     const ChainLayer* layers, int64_t layerCount, double low, double high,
                     const AdamAttrs* adam, float* logits);

// One step of DenseChainSteps: its batch is rows order[start .. start + rows) of the data (rows
// start .. start + rows without an order), trained with Adam's `alpha` and each layer's dropout
// drawn from seeds[layer].
struct ChainStep {
  int64_t start, rows;
  double alpha;
  const uint32_t* seeds;
};

// Several DenseChainGrad steps with Adam in a row (Keras' steps_per_execution): each step gathers
// its batch of x (samples x inputs) and labels (samples x classes) into per-thread buffers and
// runs DenseChainGrad on it, with adam's beta1, beta2, epsilon and the step's alpha, on the
// weights the step before left. losses[s] gets step s's mean loss and, when hits is not null,
// hits[s] its SoftmaxAccuracyHits. Every order entry a step reads names a sample (the binding
// checks); `layers`' dropout states are overwritten. The step buffers are sized for the largest
// step before the first one runs, so running out of memory for them throws before any weight
// changes.
void DenseChainSteps(const float* x, const float* labels, const int32_t* order,
                     const ChainStep* steps, int64_t stepCount, int64_t inputs, ChainLayer* layers,
                     int64_t layerCount, double low, double high, AdamAttrs adam, float* losses,
                     float* hits);

// Row-major C = alpha op(A) op(B) + beta C through OpenBLAS, on as many threads as pay off.
void Sgemm(bool transposeA, bool transposeB, int64_t m, int64_t n, int64_t k, float alpha,
           const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c,
           int64_t ldc);

// out[bi] = op(a[bi % batchA]) * op(b[bi % batchB]) for bi < batch; out is batch x m x n.
void BatchMatMul(const float* a, const float* b, float* out, int64_t batchA, int64_t batchB,
                 int64_t batch, int64_t m, int64_t n, int64_t k, bool transposeA, bool transposeB);

// In place: out[i, j] = act(out[i, j] + bias[j % biasSize]) for a rows x cols matrix.
void BiasActivation(float* out, int64_t size, const float* bias, int64_t biasSize,
                    Activation activation, float alpha);

// The most floats a convolution's im2col scratch buffer holds by default (64 MiB); a tile of
// output pixels is sized to fit, down to one pixel's window.
constexpr int64_t kDefaultScratchBudget = int64_t{1} << 24;

// Sets the scratch budget in floats (at least 1) and returns the previous one.
int64_t SetScratchBudget(int64_t floats);

// y (batch x outH x outW x outC) = conv(x, filter (kH x kW x inC x outC)).
void Conv2D(const float* x, const float* filter, float* y, const ConvGeometry& g);

// dx (batch x inH x inW x inC) from dy and the filter.
void Conv2DBackpropInput(const float* dy, const float* filter, float* dx, const ConvGeometry& g);

// dFilter (kH x kW x inC x outC) from x and dy.
void Conv2DBackpropFilter(const float* x, const float* dy, float* dFilter, const ConvGeometry& g);

}  // namespace dendrite
