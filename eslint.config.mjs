// Lint: TypeScript rules, plus Nx module boundaries with real constraints. A service imports
// libs, never another service; a lib never imports a service; each domain scope sees only itself
// and the shared libs.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const scopes = ['directory', 'booking', 'tendering', 'logistics', 'atlas', 'gateway', 'portal'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'libs/contracts/src/gen/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // libs/testing (type:test-stack) starts the local stack of infra/ for the tests of services
            // and libs: the one library allowed to read tooling.
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib', 'type:test-stack'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:test-stack'] },
            { sourceTag: 'type:test-stack', onlyDependOnLibsWithTags: ['type:lib', 'type:tooling'] },
            // infra/ (the local stack, manifests) and scripts/ (launcher, seed, checks) are tooling:
            // they may read libs and each other, never the reverse except libs/testing above.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:lib', 'type:test-stack', 'type:tooling'] },
            // bench/ drives the platform as a user would, through libraries' public entry points and
            // the tooling that starts the stack and the services; never a service's source.
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:lib', 'type:test-stack', 'type:tooling'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:test-stack', 'type:tooling'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...scopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the service config class.' },
      ],
    },
  },
  {
    // Entry points, config loaders, tooling and tests may read the environment.
    files: ['**/main.ts', '**/*.config.ts', 'infra/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'libs/testing/**/*.ts', '**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
];
