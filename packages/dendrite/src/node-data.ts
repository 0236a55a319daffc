/**
 * Node's `data` namespace: every helper of `@dendrite/data` plus the dataset loaders of
 * `@dendrite/data/node` (`loadFashionMnist`, `loadMnist`, `readIdxFile`, ...).
 * @example const { train, test, classNames } = await dd.data.loadFashionMnist();
 */
export * from '@dendrite/data';
export * from '@dendrite/data/node';
