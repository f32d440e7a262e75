export * from './rng';
export * from './matrix';
export * from './moments';
export * from './eigen';
export * from './hadamard';
export * from './histogram';
export * from './spectrum';
