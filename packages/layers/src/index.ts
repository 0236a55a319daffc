export * from './activation-layers/index.js';
export * from './attention/index.js';
export * from './convolutional/index.js';
export * from './core/index.js';
export { isDataInput, markDerivedData, withDataInputs } from './data-inputs.js';
export * from './embedding/index.js';
export { type InputArgs, InputLayer, input } from './input-layer.js';
export {
  type AddWeightOptions,
  Layer,
  type LayerArgs,
  type LayerClass,
  type LayerIO,
  type SymbolicIO,
  snakeCase,
  uniqueLayerName,
} from './layer.js';
export { LayerVariable } from './layer-variable.js';
export * from './merge/index.js';
export * from './noise/index.js';
export * from './normalization/index.js';
export * from './pooling/index.js';
export * from './preprocessing/index.js';
export * from './recurrent/index.js';
export { deserializeLayer, layerRegistry, registerLayer } from './registry.js';
export * from './reshaping/index.js';
export { formatShape, isShapeList, type Shape, shapeSize, singleShape } from './shape.js';
export { type CallArgs, isSymbolic, type LayerNode, SymbolicTensor } from './symbolic-tensor.js';
export { type WeightCheck, withWeightCheck } from './weight-check.js';
