// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layer rules (DESIGN §2): ui → store → engine → methods, models, data → math.
 * A folder may import only from the layers below it; math imports nothing of ours and no tf;
 * ui never touches tf (it may import engine *types*, e.g. the message protocol).
 */
const tf = { group: ['@tensorflow/*'], message: 'This layer must not use tf.js.' };
const layer = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const up = (names, why) => ({
  group: names.flatMap((n) => [`**/${n}/**`, `**/${n}`]),
  message: why,
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'e2e-artifacts',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['src/cli/**', 'scripts/**', 'bench/**', 'e2e/**'], rules: { 'no-console': 'off' } },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['src/math/**'],
    [
      tf,
      up(
        ['methods', 'models', 'data', 'engine', 'store', 'ui', 'cli'],
        'math imports nothing of ours.',
      ),
    ],
  ),
  layer(
    ['src/methods/**', 'src/models/**', 'src/data/**'],
    [
      up(
        ['engine', 'store', 'ui', 'cli'],
        'methods/models/data may import only math and each other.',
      ),
    ],
  ),
  layer(['src/engine/**'], [up(['store', 'ui', 'cli'], 'engine may not import store, ui or cli.')]),
  layer(['src/store/**'], [tf, up(['ui', 'cli'], 'store may not import ui or cli.')]),
  layer(
    ['src/ui/**'],
    [
      tf,
      {
        ...up(
          ['engine', 'methods', 'models', 'data', 'math'],
          'ui reads through the store; import only types from below.',
        ),
        allowTypeImports: true,
      },
    ],
  ),
);
