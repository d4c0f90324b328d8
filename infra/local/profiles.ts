/**
 * Profiles of the local stack: their ports (one map, `PORTS`, so that a new profile is one line),
 * the environment overrides of those ports, and where each profile keeps its state.
 */
import * as path from 'node:path';

export type Profile = 'dev' | 'test' | 'chaos';

export const DEFAULT_SERVICES = ['directory', 'booking', 'tendering', 'logistics', 'atlas'];

export interface ProfilePorts {
  postgres: number;
  kafka: number;
  kafkaController: number;
  keycloak: number;
  keycloakManagement: number;
}

export const PORTS: Record<Profile, ProfilePorts> = {
  dev: { postgres: 55432, kafka: 19092, kafkaController: 19093, keycloak: 18080, keycloakManagement: 19000 },
  test: { postgres: 55433, kafka: 29092, kafkaController: 29093, keycloak: 28080, keycloakManagement: 29000 },
  // Below Linux's ephemeral range (32768-60999): a port in it can be held by any outgoing connection
  // of the machine, and the chaos run's broker restarts must bind again (decision 0142).
  chaos: { postgres: 25491, kafka: 25492, kafkaController: 25493, keycloak: 25480, keycloakManagement: 25400 },
};


/** Every component binds to loopback only. */
export const HOST = '127.0.0.1';
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Ports of a profile, with env overrides: STACK_<PROFILE>_<NAME>, e.g. STACK_TEST_KEYCLOAK_PORT. */
export function portsFor(profile: Profile): ProfilePorts {
  const p = { ...PORTS[profile] };
  const env = (name: string, dflt: number): number => {
    const v = process.env[`STACK_${profile.toUpperCase()}_${name}`];
    return v ? Number.parseInt(v, 10) : dflt;
  };
  p.postgres = env('POSTGRES_PORT', p.postgres);
  p.kafka = env('KAFKA_PORT', p.kafka);
  p.kafkaController = env('KAFKA_CONTROLLER_PORT', p.kafkaController);
  p.keycloak = env('KEYCLOAK_PORT', p.keycloak);
  p.keycloakManagement = env('KEYCLOAK_MANAGEMENT_PORT', p.keycloakManagement);
  return p;
}

export function stateDirFor(profile: Profile): string {
  return process.env[`STACK_${profile.toUpperCase()}_STATE_DIR`] ?? path.join(REPO_ROOT, '.local', profile);
}
