/** What the local stack hands to its callers (tests, `npm start`, the bench). */
import type { Profile } from './profiles';

export interface StackOptions {
  /** dev: persistent state under .local/dev; test: other ports, state under .local/test wiped at start, Keycloak dev-mem */
  profile: Profile;
  /** databases to create; default ['directory','booking','tendering','logistics','atlas'] */
  services?: string[];
  /** Kafka topics to create (each also gets <topic>.dlq), 3 partitions */
  topics?: string[];
  /** progress lines; default console.log with a [stack] prefix */
  log?: (line: string) => void;
}

export interface LocalStack {
  postgres: { host: string; port: number; user: string; password: string; urlFor(db: string): string };
  /** `pid` is the broker's JVM, for fault tests that freeze it (SIGSTOP) to play a hung broker. */
  kafka: { brokers: string[]; pid: number };
  keycloak: { url: string; realm: 'marketplace'; issuer: string; adminUser: string; adminPassword: string };
  /** OS pids of the java/postgres processes (recomputed on each read: kc.sh re-spawns java after a rebuild) */
  readonly pids: number[];
  /** SIGTERM to all, wait, SIGKILL after 15 s */
  stop(): Promise<void>;
  /**
   * Postgres, Kafka and Keycloak as components a supervisor can watch and restart (`npm start`,
   * scripts/lib/supervisor.ts): `current()` is the running process, `restart()` starts it again
   * on the same state and ports, once it has exited.
   */
  readonly components: StackComponent[];
}

/** One process of the stack, as a supervisor sees it. */
export interface StackComponent {
  name: 'postgres' | 'kafka' | 'keycloak';
  logFile: string;
  current(): StackRun;
  restart(): Promise<StackRun>;
}

export interface StackRun {
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<void>;
}
