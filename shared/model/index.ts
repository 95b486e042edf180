export * from './evaluation.js';
export * from './resource.js';
