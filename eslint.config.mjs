// Lint rules, including the layering of DESIGN.md: which folders may import what.
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
    rules: { 'vue/no-v-html': 'error', 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noElectron, patterns: [{ group: ['node:*', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared is pure: no Node, no main, no renderer.' }] }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { ...noElectron, patterns: [{ group: ['**/renderer/**', '**/preload/**', '**/electron/**'], message: 'The media server is plain Node: it never reaches the shell, preload or renderer.' }] }] },
  },
  {
    files: ['src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { ...noElectron, patterns: [{ group: ['node:*', '**/main/**', '**/preload/**'], message: 'The renderer runs in the browser: only src/shared and its own files.' }] }] },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // The suite runs under two Nodes: a bare better-sqlite3 would load node_modules' build on both.
    files: ['tests/**'],
    ignores: ['tests/helpers/sqlite.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noElectron.paths, { name: 'better-sqlite3', message: 'Use rawDatabase() from tests/helpers/sqlite.ts: it loads the build for the running Node.' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
