// Integration (`test/*.integration-spec.ts`: real Postgres and Kafka) and end-to-end (`e2e/`:
// through the gateway with real Keycloak tokens). One global setup starts the real stack once for
// both, or uses the one named by DATABASE_URL / KAFKA_BROKERS / KEYCLOAK_URL.
const preset = require('./jest.preset');

module.exports = {
  rootDir: __dirname,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 120_000,
  projects: [
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/**/test/**/*.integration-spec.ts'],
    },
    {
      ...preset,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
    },
  ],
};
