;; The Dense layer's product C = act(op(A) · B + bias) as 128-bit SIMD over float32, run on the wasm
;; backend's own heap (the module imports that memory). Unlike XNNPACK it packs nothing: a weight
;; that changes every training step costs no packing. Pointers are byte offsets; C is m×n, B is
;; k×n, both row-major; A(i, p) is read at a + 4·(i·rowStride + p·colStride), so one function takes
;; A as m×k (rowStride k, colStride 1) or transposed k×m (rowStride 1, colStride m). `bias` is 0 for
;; none; `relu` 1 applies max(·, 0) as `v < 0 ? 0 : v` (NaN and −0 pass). The sum over p runs in
;; order p = 0, 1, …, k−1 for every output. Compiled by scripts/build-wasm-kernels.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; The finished value of four outputs: bias added, relu applied.
  (func $finish (param $acc v128) (param $bias i32) (param $j i32) (param $relu i32) (result v128)
    (if (local.get $bias)
      (then
        (local.set $acc
          (f32x4.add (local.get $acc)
            (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
    (if (local.get $relu)
      (then (local.set $acc (f32x4.pmax (local.get $acc) (f32x4.splat (f32.const 0))))))
    (local.get $acc))

  ;; Rows i..i+3, columns j..j+7: eight accumulators, two B vectors and four A values per step.
  (func $tile4x8
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $c i32)
    (param $n i32) (param $k i32) (param $i i32) (param $j i32) (param $bias i32) (param $relu i32)
    (local $p i32) (local $ap i32) (local $bp i32) (local $ar i32) (local $ac i32) (local $cp i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    ;; Byte steps: one A row, one A column, one B (and C) row.
    (local.set $ar (i32.shl (local.get $rs) (i32.const 2)))
    (local.set $ac (i32.shl (local.get $cs) (i32.const 2)))
    (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ar))))
    (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
    (block $done
      (loop $steps
        (br_if $done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $b0 (v128.load (local.get $bp)))
        (local.set $b1 (v128.load offset=16 (local.get $bp)))
        (local.set $x (f32x4.splat (f32.load (local.get $ap))))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (f32x4.splat (f32.load (i32.add (local.get $ap) (local.get $ar)))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (f32x4.splat (f32.load
          (i32.add (local.get $ap) (i32.shl (local.get $ar) (i32.const 1))))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (f32x4.splat (f32.load
          (i32.add (local.get $ap) (i32.mul (local.get $ar) (i32.const 3))))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $ap (i32.add (local.get $ap) (local.get $ac)))
        (local.set $bp (i32.add (local.get $bp) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $steps)))
    (local.set $cp (i32.add (local.get $c)
      (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
    (v128.store (local.get $cp)
      (call $finish (local.get $c00) (local.get $bias) (local.get $j) (local.get $relu)))
    (v128.store offset=16 (local.get $cp)
      (call $finish (local.get $c01) (local.get $bias) (i32.add (local.get $j) (i32.const 4)) (local.get $relu)))
    (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $n) (i32.const 2))))
    (v128.store (local.get $cp)
      (call $finish (local.get $c10) (local.get $bias) (local.get $j) (local.get $relu)))
    (v128.store offset=16 (local.get $cp)
      (call $finish (local.get $c11) (local.get $bias) (i32.add (local.get $j) (i32.const 4)) (local.get $relu)))
    (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $n) (i32.const 2))))
    (v128.store (local.get $cp)
      (call $finish (local.get $c20) (local.get $bias) (local.get $j) (local.get $relu)))
    (v128.store offset=16 (local.get $cp)
      (call $finish (local.get $c21) (local.get $bias) (i32.add (local.get $j) (i32.const 4)) (local.get $relu)))
    (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $n) (i32.const 2))))
    (v128.store (local.get $cp)
      (call $finish (local.get $c30) (local.get $bias) (local.get $j) (local.get $relu)))
    (v128.store offset=16 (local.get $cp)
      (call $finish (local.get $c31) (local.get $bias) (i32.add (local.get $j) (i32.const 4)) (local.get $relu))))

  ;; One output C(i, j), scalar: the edges the tiles leave.
  (func $one
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $c i32)
    (param $n i32) (param $k i32) (param $i i32) (param $j i32) (param $bias i32) (param $relu i32)
    (local $p i32) (local $sum f32)
    (block $done
      (loop $steps
        (br_if $done (i32.ge_u (local.get $p) (local.get $k)))
        (local.set $sum (f32.add (local.get $sum)
          (f32.mul
            (f32.load (i32.add (local.get $a) (i32.shl
              (i32.add (i32.mul (local.get $i) (local.get $rs)) (i32.mul (local.get $p) (local.get $cs)))
              (i32.const 2))))
            (f32.load (i32.add (local.get $b) (i32.shl
              (i32.add (i32.mul (local.get $p) (local.get $n)) (local.get $j)) (i32.const 2)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $steps)))
    (if (local.get $bias)
      (then (local.set $sum (f32.add (local.get $sum)
        (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))))
    (if (i32.and (local.get $relu) (f32.lt (local.get $sum) (f32.const 0)))
      (then (local.set $sum (f32.const 0))))
    (f32.store (i32.add (local.get $c) (i32.shl
      (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
      (local.get $sum)))

  (func (export "denseMatMul")
    (param $a i32) (param $rs i32) (param $cs i32) (param $b i32) (param $c i32)
    (param $m i32) (param $n i32) (param $k i32) (param $bias i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $m4 i32) (local $n8 i32)
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (local.set $n8 (i32.and (local.get $n) (i32.const -8)))
    ;; Full 4×8 tiles.
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m4)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n8)))
            (call $tile4x8 (local.get $a) (local.get $rs) (local.get $cs) (local.get $b) (local.get $c)
              (local.get $n) (local.get $k) (local.get $i) (local.get $j) (local.get $bias) (local.get $relu))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; The edges: columns n8..n of the tiled rows, then every column of the rows m4..m.
    (local.set $i (i32.const 0))
    (block $edgeDone
      (loop $edge
        (br_if $edgeDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (select (local.get $n8) (i32.const 0) (i32.lt_u (local.get $i) (local.get $m4))))
        (block $lineDone
          (loop $line
            (br_if $lineDone (i32.ge_u (local.get $j) (local.get $n)))
            (call $one (local.get $a) (local.get $rs) (local.get $cs) (local.get $b) (local.get $c)
              (local.get $n) (local.get $k) (local.get $i) (local.get $j) (local.get $bias) (local.get $relu))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $line)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $edge))))
)
