/**
 * Node's `callbacks` namespace: every callback of `@dendrite/callbacks` plus the file-writing
 * ones (`csvLogger`, `tensorBoard`, `backupAndRestore`) of `@dendrite/callbacks/node`.
 * @example dd.callbacks.csvLogger({ filename: 'training.csv' })
 */
export * from '@dendrite/callbacks';
export * from '@dendrite/callbacks/node';
