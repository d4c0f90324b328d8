// Runs before `npm start` and `npm test` with whatever Node the machine has: installs the
// locked dependencies (which bring Node 24) when a fresh clone has none yet.
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'node_modules', '.bin', 'node')) || !existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[setup] installing dependencies (npm ci)...');
  execSync('npm ci --no-fund --no-audit', { cwd: root, stdio: 'inherit' });
}
