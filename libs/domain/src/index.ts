export * from './account/account.aggregate';
export * from './account/account.errors';
export * from './account/ids';
