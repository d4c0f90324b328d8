import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Jest setup file for suites that keep real clients running in the background. kafkajs loads its
 * protocol encoders lazily (`require` inside functions), e.g. on a consumer's first fetch or
 * commit. Jest 30 refuses a `require` that happens between tests, which kills a consumer whose
 * first fetch falls between two tests. Loading every kafkajs module up front avoids it.
 */
function requireTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) requireTree(path);
    else if (name.endsWith('.js') && !name.endsWith('.spec.js')) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading is the point
        require(path);
      } catch {
        // optional pieces (e.g. codecs needing absent packages) are not used by our clients
      }
    }
  }
}

requireTree(join(dirname(require.resolve('kafkajs/package.json')), 'src'));
