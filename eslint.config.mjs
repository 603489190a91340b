// `npm run lint`: typescript-eslint's recommended rules and React's hook rules; then
// scripts/check-architecture.mjs checks the module rules of docs/decisions/0010.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['web/dist/**', 'node_modules/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A rethrown error names its own cause where that helps; not every rethrow needs it.
      'preserve-caught-error': 'off',
      // Input checks match control characters on purpose (NUL, C0 controls in text fields).
      'no-control-regex': 'off',
      // Warnings, not errors, while the first-wave code is cleaned up (FHIR resources are
      // loosely typed JSON; seeds chain versions through reassignment): new code should not add any.
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-useless-assignment': 'warn',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
