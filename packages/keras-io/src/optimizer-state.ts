import type { LayerVariable } from '@dendrite/layers';
import type { LayersModel } from '@dendrite/models';
import * as tf from '@dendrite/tensor';
import type { Dataset, Group } from 'h5wasm';
import { childDataset, childGroup, readDataset, stringListAttribute } from './hdf5.js';

/** Slot names in Keras' build order: each inner list is one pass over the variables. */
function slotPasses(className: string, slots: readonly string[]): string[][] {
  if (className === 'RMSprop' || className === 'Adagrad' || className === 'Adadelta') {
    return slots.map((slot) => [slot]);
  }
  const first = slots.filter((s) => s !== 'velocityHat');
  return slots.includes('velocityHat') ? [first, ['velocityHat']] : [first];
}

function slotNamesOf(model: LayersModel): string[] {
  const optimizer = model.optimizer as unknown as { slotNames(): readonly string[] } | undefined;
  return optimizer ? [...optimizer.slotNames()] : [];
}

function restore(model: LayersModel, values: { name: string; raw: Dataset }[], origin: string) {
  const tensors = values.map(({ name, raw }) => {
    const array = readDataset(raw, origin);
    return {
      name,
      tensor: tf.tensor(array.values, array.shape, name === 'iteration' ? 'int32' : 'float32'),
    };
  });
  try {
    model.optimizer?.setWeights(tensors);
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
}

/**
 * Restores the optimizer state of a Keras 3 file (`optimizer/vars/0` iterations, `1` learning
 * rate, then the slots of each trainable variable in Keras' build order). Returns false, leaving
 * the fresh state, when the stored count does not fit the optimizer's layout.
 */
export function restoreKeras3Optimizer(root: Group, model: LayersModel, origin: string): boolean {
  const group = childGroup(root, 'optimizer');
  const vars = group && childGroup(group, 'vars');
  if (!vars || !model.optimizer) return false;
  const keys = vars.keys().filter((k) => /^\d+$/.test(k));
  const trainable: LayerVariable[] = model.trainableWeights;
  const className = model.optimizer.getClassName();
  const passes = slotPasses(className, slotNamesOf(model));
  const perVariable = passes.reduce((n, pass) => n + pass.length, 0);
  if (keys.length !== 2 + trainable.length * perVariable) return false;
  const at = (i: number) => childDataset(vars, String(i)) as Dataset;
  const values: { name: string; raw: Dataset }[] = [{ name: 'iteration', raw: at(0) }];
  let index = 2;
  for (const pass of passes) {
    for (const weight of trainable) {
      for (const slot of pass) {
        const raw = at(index++);
        if (!tf.util.arraysEqual(raw.shape ?? [], weight.shape)) return false;
        values.push({ name: `${weight.variable.name}/${slot}`, raw });
      }
    }
  }
  restore(model, values, origin);
  return true;
}

const LEGACY_SLOTS: Record<string, string> = {
  m: 'momentum',
  v: 'velocity',
  vhat: 'velocityHat',
  rms: 'velocity',
  momentum: 'momentum',
  mg: 'averageGradient',
  accumulator: 'accumulator',
};

/**
 * Keras 2's name of a Dendrite optimizer slot (`momentum` → `m` for Adam, `velocity` → `rms` for
 * RMSprop), the inverse of the reader's table; undefined when Keras 2 has none.
 */
export function legacySlotName(className: string, slot: string): string | undefined {
  const names = Object.entries(LEGACY_SLOTS)
    .filter(([, ours]) => ours === slot)
    .map(([legacy]) => legacy);
  if (className === 'RMSprop' && slot === 'velocity') return 'rms';
  if (/^(Adam|Nadam)/.test(className)) return names[0];
  return names.includes(slot) ? slot : names.find((name) => name !== 'rms');
}

/**
 * Restores a Keras 2 `optimizer_weights` group (`Adam/iter:0`, `Adam/dense/kernel/m:0`, ...).
 * Returns false, leaving the fresh state, when a name does not map onto the model.
 */
export function restoreLegacyOptimizer(root: Group, model: LayersModel, origin: string): boolean {
  const group = childGroup(root, 'optimizer_weights');
  if (!group || !model.optimizer) return false;
  const byKey = new Map<string, LayerVariable>();
  for (const w of model.trainableWeights) {
    const parts = w.originalName.split('/');
    byKey.set(`${parts[0]}/${parts[parts.length - 1]}`, w);
  }
  const slots = slotNamesOf(model);
  const values: { name: string; raw: Dataset }[] = [];
  for (const path of stringListAttribute(group, 'weight_names')) {
    const parts = path.replace(/:\d+$/, '').split('/');
    let node: Group | undefined = group;
    const segments = path.split('/');
    for (const part of segments.slice(0, -1)) node = node && childGroup(node, part);
    const raw = node && childDataset(node, segments[segments.length - 1] as string);
    if (!raw) return false;
    const last = parts[parts.length - 1] as string;
    if (last === 'iter' || last === 'iterations') {
      values.push({ name: 'iteration', raw });
      continue;
    }
    const slot = LEGACY_SLOTS[last];
    const weight = byKey.get(`${parts[1]}/${parts[parts.length - 2]}`);
    if (!slot || !slots.includes(slot) || !weight) return false;
    if (!tf.util.arraysEqual(raw.shape ?? [], weight.shape)) return false;
    values.push({ name: `${weight.variable.name}/${slot}`, raw });
  }
  restore(model, values, origin);
  return true;
}
