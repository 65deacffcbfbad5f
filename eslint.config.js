// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Imports that would break the one-way dependency graph of docs/architecture.md. */
const nothingImportsCli = {
  group: ['@unknot/cli', '@unknot/cli/*', '**/cli/src/**'],
  message: 'Nothing imports the CLI: it is a leaf of the dependency graph.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Typed JSON parsing (`parse<T>(row)`) is a deliberate single-use type parameter.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': ['error', { patterns: [nothingImportsCli] }],
    },
  },
  {
    // core is pure: no Node built-ins, nothing of ours (ARCHITECTURE.md). Tests may read shared/ files.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/test-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: 'core is pure: no Node built-ins (pass data or a Clock in instead).',
            },
            {
              regex: '^(fs|path|os|child_process|crypto|http|https|url|util|stream|events)$',
              message: 'core is pure: no Node built-ins.',
            },
            { group: ['@unknot/*'], message: 'core imports nothing of ours.' },
            { regex: '^(\\.\\./){3,}', message: 'core must not reach outside its own package.' },
          ],
        },
      ],
    },
  },
  {
    // The rules of hooks hold for Preact's hooks (preact/hooks) as for React's. Only the two classic rules: the
    // rest of the plugin's recommended set checks code for the React Compiler, which a Preact app does not use.
    files: ['packages/web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
