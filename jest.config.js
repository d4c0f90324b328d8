// Unit tests: `*.spec.ts` beside the code, no I/O. Integration and e2e suites have their own
// config (jest.integration.config.js) because they need the real stack.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/{libs,services,infra,scripts}/**/*.spec.ts'],
};
