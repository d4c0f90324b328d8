export { createScratchDatabase } from './scratch-database';
export { KafkaProbe, type SeenRecord } from './kafka-probe';
export { createTestTopic, kafkaPid } from './kafka-admin';
export { required, TEST_ENV } from './test-env';
export { accessToken, graphql } from './keycloak-tokens';
export { serviceTestEnv, startSubgraphUnderTest, type SubgraphUnderTest } from './subgraph-under-test';
export { eventually, type EventuallyOptions } from './eventually';
export { expectCommittedSchema, expectCommittedSdl } from './committed-schema';
