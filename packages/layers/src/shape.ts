import { ShapeError } from '@dendrite/tensor';

/** A shape whose dimensions may be unknown (`null`), the batch dimension first. */
export type Shape = ReadonlyArray<number | null>;

/** Formats a shape as Keras prints it: `(None, 28, 28)`. */
export function formatShape(shape: Shape): string {
  const dims = shape.map((dim) => (dim === null ? 'None' : String(dim)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

/** True when `value` is a list of shapes rather than one shape. */
export function isShapeList(value: Shape | readonly Shape[]): value is readonly Shape[] {
  return value.length > 0 && Array.isArray(value[0]);
}

/** The single shape of `value`, or a ShapeError naming `owner` when a list was given. */
export function singleShape(owner: string, value: Shape | readonly Shape[]): Shape {
  if (isShapeList(value)) {
    if (value.length !== 1) {
      throw new ShapeError(`${owner}: expected one input; received ${value.length} inputs`);
    }
    return value[0] as Shape;
  }
  return value as Shape;
}

/** Product of the known dimensions, or `null` when any is unknown. */
export function shapeSize(shape: Shape): number | null {
  let size = 1;
  for (const dim of shape) {
    if (dim === null) return null;
    size *= dim;
  }
  return size;
}
