{
  "variables": {
    "openblas_static%": ""
  },
  "targets": [
    {
      "target_name": "dendrite_native",
      "sources": [
        "native/addon.cc",
        "native/bind.cc",
        "native/bind-matmul.cc",
        "native/bind-conv.cc",
        "native/bind-elementwise.cc",
        "native/bind-optimizer.cc",
        "native/bind-runtime.cc",
        "native/bind-training.cc",
        "native/bind-chain.cc",
        "native/gemm.cc",
        "native/conv.cc",
        "native/elementwise.cc",
        "native/training.cc",
        "native/chain.cc",
        "native/thread-pool.cc"
      ],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno"],
      "conditions": [
        [
          "openblas_static == ''",
          { "libraries": ["-lopenblas"] },
          {
            "libraries": ["<(openblas_static)", "-lpthread", "-lm"],
            "ldflags": ["-Wl,--exclude-libs,ALL", "-static-libstdc++", "-static-libgcc"]
          }
        ]
      ]
    }
  ]
}
