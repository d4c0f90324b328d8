// Jest loads its globalSetup outside the suites' module registry, so `moduleNameMapper` does not
// apply there: resolve the workspace's @rim/* aliases from tsconfig.base.json, as the suites and
// the services (through @swc-node/register) do, then run the TypeScript setup.
const { join } = require('node:path');
const { readFileSync } = require('node:fs');

const root = join(__dirname, '..', '..', '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
require('tsconfig-paths').register({ baseUrl: join(root, compilerOptions.baseUrl ?? '.'), paths: compilerOptions.paths });
module.exports = require('./global-setup.ts').default;
