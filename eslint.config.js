// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'web/dist', '.local-data', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // `import { z }` pulls every zod locale into each Lambda (bundles 500 KB instead of 160 KB).
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'` so bundlers can tree-shake.",
        },
      ],
    },
  },
  {
    // The domain stays pure: no AWS SDK, Lambda types or middy in rules code.
    files: ['functions/domain/**', 'functions/schemas/**', 'functions/ports/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '@middy/*', 'aws-lambda', '**/adapters/**'] }],
    },
  },
  {
    // Only adapters talk to AWS.
    files: ['functions/handlers/**', 'functions/middleware/**', 'web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*'] }] },
  },
);
