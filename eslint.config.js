// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The import rules of the one-way dependency graph (ARCHITECTURE.md, docs/architecture.md), as regular expressions
 * over the module specifier, each with the reason a reader sees.
 */
const nothingImportsCli = {
  regex: '^@unknot\\/cli(\\/|$)|\\/cli\\/src\\/',
  message: 'Nothing imports the CLI: it is a leaf of the dependency graph.',
};
/** Every Node built-in, bare (`fs`, `fs/promises`) or with the `node:` scheme: Node's own list, not ours. */
const nodeBuiltins = `^(node:.*|${builtinModules.join('|')})$`;

/**
 * The rules that keep a set of files from loading the given modules: no-restricted-imports for `import` and
 * `export … from`, and no-restricted-syntax for `import()`, which no-restricted-imports does not see (the web loads
 * its screens that way). Slashes are escaped for the selector, whose regular expression would end at a bare one.
 *
 * @param {{ regex: string, message: string }[]} forbidden
 */
function restrictImports(forbidden) {
  return {
    'no-restricted-imports': ['error', { patterns: forbidden }],
    'no-restricted-syntax': [
      'error',
      ...forbidden.map(({ regex, message }) => ({
        selector: `ImportExpression[source.value=/${regex.replace(/(?<!\\)\//g, '\\/')}/]`,
        message,
      })),
    ],
  };
}

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
      ...restrictImports([nothingImportsCli]),
    },
  },
  {
    // core is pure: no Node built-ins, nothing of ours (ARCHITECTURE.md). Tests may read shared/ files.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/test-*.ts'],
    rules: restrictImports([
      { regex: nodeBuiltins, message: 'core is pure: no Node built-ins (pass data or a Clock in instead).' },
      { regex: '^@unknot\\/', message: 'core imports nothing of ours.' },
      { regex: '^(\\.\\.\\/){3,}', message: 'core must not reach outside its own package.' },
    ]),
  },
  {
    // The web app runs in the browser and talks to the server over HTTP (ARCHITECTURE.md). Its build tooling
    // (packages/web/build, vite.config.ts) runs in Node and is outside src, so it is not covered.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: restrictImports([
      nothingImportsCli,
      {
        regex: '^@unknot\\/(store|server)(\\/|$)|\\/(store|server)\\/src\\/',
        message:
          'The web app talks to the server over HTTP (/api/v1); it never imports the store or the server, which run in Node and hold the database.',
      },
      { regex: nodeBuiltins, message: 'The web app runs in the browser: no Node built-ins.' },
    ]),
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
