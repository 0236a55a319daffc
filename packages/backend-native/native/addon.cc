// The addon's entry point. Bindings live per kernel family in bind-*.cc; each takes
// Float32Arrays owned by JavaScript (no copies), checks their lengths against the shapes it is
// given, and writes its result into the `out` array. Every binding runs inside bind::Guarded, so
// no C++ exception reaches Node (which would abort the process).
#include "bind.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  dendrite::bind::ExportMatMul(env, exports);
  dendrite::bind::ExportConv(env, exports);
  dendrite::bind::ExportElementwise(env, exports);
  dendrite::bind::ExportOptimizer(env, exports);
  dendrite::bind::ExportRuntime(env, exports);
  dendrite::bind::ExportTraining(env, exports);
  dendrite::bind::ExportChain(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(dendrite_native, Init)
