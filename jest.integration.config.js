// Integration (`test/*.integration-spec.ts`: real Postgres and Kafka) and end-to-end (`e2e/`:
// through the gateway with real Keycloak tokens). One global setup starts the real stack once for
// both, or uses the one named by DATABASE_URL / KAFKA_BROKERS / KEYCLOAK_URL.
const preset = require('./jest.preset');

module.exports = {
  rootDir: __dirname,
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 120_000,
  // kafkajs clients of the stack's start-up (admin, warm-up consumer) leave sockets that keep the
  // process alive after the stack is stopped; exit once the suites and the teardown are done.
  forceExit: true,
  projects: [
    {
      ...preset,
      displayName: 'integration',
      setupFiles: ['<rootDir>/libs/testing/src/preload-lazy-modules.ts'],
      testMatch: ['<rootDir>/{libs,services}/**/test/**/*.integration-spec.ts'],
    },
    {
      ...preset,
      displayName: 'e2e',
      setupFiles: ['<rootDir>/libs/testing/src/preload-lazy-modules.ts'],
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
    },
  ],
};
