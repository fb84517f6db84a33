import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      'docs/api/**',
      'packages/sdk/src/generated/**',
      'packages/components/custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['packages/components/src/**/*.ts', 'packages/components/test/**/*.ts', 'examples/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['packages/components/src/**/*.ts', 'packages/components/test/**/*.ts', 'examples/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='postMessage'] > Literal[value='*']",
          message: "Never postMessage to '*': name the target origin.",
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Do not assign innerHTML: render with lit templates, which escape data.',
        },
      ],
    },
  },
  prettier,
);
