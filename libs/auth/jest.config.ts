import type { Config } from 'jest';

const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const config: Config = {
  displayName: 'auth',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc,
    // jose 6 ships ESM only; Jest's CommonJS runtime cannot require it untransformed.
    '^.+/node_modules/jose/.+\\.js$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};

export default config;
