export * from './errors';
export * from './common';
export * from './auth';
export * from './customers';
export * from './notifications';
export * from './accounts';
export * from './payments';
export * from './loans';
