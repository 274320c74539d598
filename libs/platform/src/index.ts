export * from './config';
export * from './tokens';
export * from './readiness';
export * from './health.http.controller';
export * from './backends';
export * from './platform.module';
export * from './bootstrap';
export * from './key-encryption-keys';
