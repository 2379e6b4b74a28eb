// One lint config for the whole repository. Type-aware rules everywhere; the pure cores
// (lib/monspec, lib/remediation) are additionally fenced off from I/O, the clock and the environment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCoreImportBans = {
  patterns: [
    {
      group: ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'os', 'child_process', 'crypto', 'timers'],
      message: 'The pure core does no I/O: pass data in, return data out.',
    },
    {
      group: [
        'axios',
        'azure-*',
        '@azure/*',
        '**/http/**',
        '**/dynatrace/**',
        '**/azure-devops/**',
        '**/store/**',
      ],
      message: 'The pure core must not depend on clients; the edges call the core, not the other way round.',
    },
  ],
};

const pureCoreSyntaxBans = [
  {
    selector: "MemberExpression[object.name='Date'][property.name='now']",
    message: 'No clock in the pure core: take `now` as an argument.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'No clock in the pure core: take `now` as an argument.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'No randomness in the pure core: take it as an argument.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'coverage/', '**/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  {
    // Shared code never reaches up into a deployable or into platform SDKs that only deployables may use.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/tasks/**',
                '**/gate-function/**',
                '**/selfheal-function/**',
                '**/sim/**',
                '**/scripts/**',
              ],
              message: 'lib/ is shared code: deployables import lib, never the reverse.',
            },
            {
              group: ['azure-pipelines-task-lib', 'azure-pipelines-task-lib/*', '@azure/functions'],
              message: 'Platform SDKs belong to the deployables (tasks, function apps), not to lib/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Read settings at the edge and pass them in.' },
      ],
    },
  },
  {
    files: [
      'lib/monspec/**/*.ts',
      'lib/remediation/**/*.ts',
      'lib/json/**/*.ts',
      'lib/deployment-event/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', pureCoreImportBans],
      'no-restricted-syntax': ['error', ...pureCoreSyntaxBans],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment in the pure core.' },
        { name: 'setTimeout', message: 'No timers in the pure core.' },
        { name: 'setInterval', message: 'No timers in the pure core.' },
        { name: 'fetch', message: 'No I/O in the pure core.' },
        { name: 'console', message: 'No logging in the pure core: return what happened.' },
      ],
    },
  },
  {
    // Tests may poke at loosely typed wire payloads; everything else stays strict.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
