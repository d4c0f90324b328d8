import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALICE_ORG, BOB_ORG, CARLA_ORG, DAN_ORG } from './realm-organisations';

describe('realm organisations', () => {
  it('are the org_id claims the demo realm gives alice, bob, carla and dan', () => {
    const users = JSON.parse(readFileSync(resolve(__dirname, '../../../infra/keycloak/demo-users.json'), 'utf8')) as Array<{ username: string; org_id?: string }>;
    const orgOf = (name: string) => users.find((u) => u.username === name)?.org_id;
    expect({ alice: ALICE_ORG, bob: BOB_ORG, carla: CARLA_ORG, dan: DAN_ORG }).toEqual({
      alice: orgOf('alice'),
      bob: orgOf('bob'),
      carla: orgOf('carla'),
      dan: orgOf('dan'),
    });
  });
});
