/**
 * The organisation (`org_id` claim) of each demo user of the local realm, as
 * `infra/keycloak/demo-users.json` declares them (realm-organisations.spec.ts keeps the two equal).
 * Tests that act as alice, bob, carla or dan name their organisation with these.
 */
export const ALICE_ORG = '11111111-1111-4111-8111-111111111111';
export const BOB_ORG = '22222222-2222-4222-8222-222222222222';
export const CARLA_ORG = '33333333-3333-4333-8333-333333333333';
export const DAN_ORG = '44444444-4444-4444-8444-444444444444';
