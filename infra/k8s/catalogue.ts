import { ALL_TOPICS, Topic, type TopicName } from '@rim/contracts';
import { SUBGRAPHS, type SubgraphName } from '@rim/supergraph';

/**
 * What the cluster runs, in one place: every manifest under infra/k8s/ is generated from this list
 * and from `ALL_TOPICS` (`npm run k8s:generate`), so a new service or topic cannot be forgotten in
 * one file and present in another. Services still being built (tendering, atlas, portal) are
 * listed by name: their image and Deployment exist as soon as their code lands.
 */
export type Role = 'subgraph' | 'gateway' | 'portal';

export interface ServiceSpec {
  name: string;
  role: Role;
  port: number;
  /** Owns a CloudNativePG cluster `<name>-db` (one database per service). */
  database: boolean;
  /** Kafka topics it consumes (its consumer group is its name); its HPA stops at their partitions. */
  consumes: readonly TopicName[];
  /** Produces integration events through its outbox relay. */
  produces: boolean;
  /** Path of the HTTP readiness check. */
  readyPath: string;
  /** Node heap ceiling in MiB, kept under the memory limit so the kernel never OOM-kills first. */
  heapMiB: number;
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

const organisationFacts: TopicName[] = [Topic.OrganisationRegistered, Topic.OrganisationUpdated, Topic.SiteAdded];
/** A subgraph's port is the one of the subgraph list (libs/supergraph), never a second copy. */
const portOf = (name: SubgraphName): number => SUBGRAPHS.find((s) => s.name === name)!.defaultPort;

const byOwner = (owner: string): TopicName[] => ALL_TOPICS.filter((t) => t.startsWith(`${owner}.`));

const domain = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' }, heapMiB: 384 };

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'directory', role: 'subgraph', port: portOf('directory'), database: true, consumes: [], produces: true, readyPath: '/healthz', ...domain },
  { name: 'booking', role: 'subgraph', port: portOf('booking'), database: true, consumes: [...organisationFacts, Topic.CapacityHoldRequested, Topic.BidWithdrawn, Topic.LotAwarded, Topic.TenderStatusChanged], produces: true, readyPath: '/healthz', ...domain },
  // tendering and atlas are being written: what they consume is the expectation stated in their
  // issues (consortia learn organisations; the atlas map projects every service's events).
  { name: 'tendering', role: 'subgraph', port: portOf('tendering'), database: true, consumes: [...byOwner('directory'), Topic.AssetListed, Topic.BookingConfirmed, Topic.BookingCancelled, Topic.CapacityHoldChanged], produces: true, readyPath: '/healthz', ...domain },
  {
    name: 'logistics', role: 'subgraph', port: portOf('logistics'), database: true, consumes: [...organisationFacts, Topic.CoDeliveryRequested],
    produces: true, readyPath: '/healthz', ...domain,
  },
  { name: 'atlas', role: 'subgraph', port: portOf('atlas'), database: true, consumes: ALL_TOPICS, produces: false, readyPath: '/healthz', ...domain },
  {
    name: 'gateway', role: 'gateway', port: 4000, database: false, consumes: [], produces: false, readyPath: '/healthz',
    requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' }, heapMiB: 384,
  },
  {
    name: 'portal', role: 'portal', port: 4200, database: false, consumes: [], produces: false, readyPath: '/healthz',
    requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '192Mi' }, heapMiB: 128,
  },
];

/** Every topic the cluster must hold: the one list, and the dead-letter topic of each. */
export function clusterTopics(): string[] {
  return ALL_TOPICS.flatMap((t) => [t, `${t}.dlq`]);
}

/** Names used across manifests. */
export const KAFKA_CLUSTER = 'marketplace';
export const KEYCLOAK = 'keycloak';
export const PART_OF = 'regional-marketplace';
export const dbCluster = (service: string) => `${service}-db`;

/** Extensions the migrations create; created at initdb by the superuser so the owner never needs it. */
export const DB_EXTENSIONS = ['btree_gist', 'cube', 'pg_trgm'];
