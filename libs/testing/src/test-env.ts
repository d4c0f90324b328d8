/** What the global setup published for the test files. Read lazily: globalSetup sets it first. */
export const TEST_ENV = {
  get databaseUrl(): string | undefined {
    return process.env.DATABASE_URL;
  },
  get kafkaBrokers(): string | undefined {
    return process.env.KAFKA_BROKERS;
  },
  get oidcIssuer(): string | undefined {
    return process.env.OIDC_ISSUER;
  },
};

export function required(name: 'DATABASE_URL' | 'KAFKA_BROKERS' | 'OIDC_ISSUER'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest.integration.config.js`);
  return value;
}
