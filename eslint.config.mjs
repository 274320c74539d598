import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.local/**',
      'data/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The pure libraries must not reach for frameworks or I/O.
    files: ['libs/domain/src/**/*.ts', 'libs/policy/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'kafkajs', 'mongodb', '@grpc/*', 'fs', 'node:*', 'apps/*'] },
      ],
    },
  },
  {
    // Credentials are pure too, but need node:crypto; storage and transports stay in the apps.
    files: ['libs/credentials/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'kafkajs',
            'mongodb',
            '@grpc/*',
            'fs',
            'node:fs',
            'node:fs/*',
            'node:net',
            'node:http',
            'node:https',
            'apps/*',
          ],
        },
      ],
    },
  },
);
