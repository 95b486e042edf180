export * from './evaluation.js';
export * from './ref.js';
export * from './resource.js';
