// Runs before `npm start` and `npm test` with whatever Node the machine has: installs the
// locked dependencies (which bring Node 24) when a fresh clone has none yet.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'node_modules', '.bin', 'node')) || !existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  // `npm install` from the lockfile rather than `npm ci`: see .ci/run for the npm 11.19 quirk.
  console.log('[setup] installing dependencies (npm install from the lockfile)...');
  execSync('npm install --no-fund --no-audit', { cwd: root, stdio: 'inherit' });
}
