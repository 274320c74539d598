export * from './policy-case';
export * from './parse-cases';
export * from './evaluate-case';
