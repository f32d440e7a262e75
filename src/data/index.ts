export * from './datasetInfo';
export * from './dataset';
export * from './split';
export * from './synthetic';
export * from './loadDataset';
