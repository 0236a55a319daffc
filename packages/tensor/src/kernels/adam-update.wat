;; The fused Adam update (Keras 3 rule) as 128-bit SIMD over float32, run on the wasm backend's
;; own heap: the module imports that memory, so the kernel reads and writes tensors in place.
;; Pointers are byte offsets, `n` the element count. Compiled by scripts/build-wasm-kernels.mjs.
;;   m' = m + (g - m) * keep1
;;   v' = v + (g*g - v) * keep2
;;   w' = w - alpha * m' / (sqrt(v') + eps)
(module
  (import "env" "memory" (memory 1))
  (func (export "adamUpdate")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $outW i32) (param $outM i32) (param $outV i32) (param $n i32)
    (param $alpha f32) (param $keep1 f32) (param $keep2 f32) (param $eps f32)
    (local $i i32) (local $end4 i32) (local $at i32)
    (local $alpha4 v128) (local $keep14 v128) (local $keep24 v128) (local $eps4 v128)
    (local $g4 v128) (local $m4 v128) (local $v4 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $alpha4 (f32x4.splat (local.get $alpha)))
    (local.set $keep14 (f32x4.splat (local.get $keep1)))
    (local.set $keep24 (f32x4.splat (local.get $keep2)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    ;; Four lanes at a time.
    (block $done4
      (loop $lanes
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $g4 (v128.load (i32.add (local.get $g) (local.get $at))))
        (local.set $m4 (v128.load (i32.add (local.get $m) (local.get $at))))
        (local.set $v4 (v128.load (i32.add (local.get $v) (local.get $at))))
        (local.set $m4
          (f32x4.add (local.get $m4)
            (f32x4.mul (f32x4.sub (local.get $g4) (local.get $m4)) (local.get $keep14))))
        (local.set $v4
          (f32x4.add (local.get $v4)
            (f32x4.mul
              (f32x4.sub (f32x4.mul (local.get $g4) (local.get $g4)) (local.get $v4))
              (local.get $keep24))))
        (v128.store (i32.add (local.get $outM) (local.get $at)) (local.get $m4))
        (v128.store (i32.add (local.get $outV) (local.get $at)) (local.get $v4))
        (v128.store (i32.add (local.get $outW) (local.get $at))
          (f32x4.sub (v128.load (i32.add (local.get $w) (local.get $at)))
            (f32x4.div (f32x4.mul (local.get $m4) (local.get $alpha4))
              (f32x4.add (f32x4.sqrt (local.get $v4)) (local.get $eps4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $lanes)))
    ;; The remaining 0-3 elements, one by one, with the same float32 arithmetic.
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $at))))
        (local.set $ms (f32.load (i32.add (local.get $m) (local.get $at))))
        (local.set $vs (f32.load (i32.add (local.get $v) (local.get $at))))
        (local.set $ms
          (f32.add (local.get $ms)
            (f32.mul (f32.sub (local.get $gs) (local.get $ms)) (local.get $keep1))))
        (local.set $vs
          (f32.add (local.get $vs)
            (f32.mul
              (f32.sub (f32.mul (local.get $gs) (local.get $gs)) (local.get $vs))
              (local.get $keep2))))
        (f32.store (i32.add (local.get $outM) (local.get $at)) (local.get $ms))
        (f32.store (i32.add (local.get $outV) (local.get $at)) (local.get $vs))
        (f32.store (i32.add (local.get $outW) (local.get $at))
          (f32.sub (f32.load (i32.add (local.get $w) (local.get $at)))
            (f32.div (f32.mul (local.get $ms) (local.get $alpha))
              (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rest))))
)
