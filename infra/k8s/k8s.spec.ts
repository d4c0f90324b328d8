import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ALL_TOPICS, Topic } from '@rim/contracts';
import { dbCluster, SERVICES } from './catalogue';
import { generate, K8S_DIR, OVERLAYS } from './generate';
import { applyOps, renderKustomization, type K8sObject } from './render';
import { ManifestValidator } from './validate';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are walked as plain JSON */
type Any = any;

const rendered = Object.fromEntries(OVERLAYS.map((o) => [o.name, renderKustomization(join(K8S_DIR, 'overlays', o.name))])) as Record<
  string,
  K8sObject[]
>;
const validator = new ManifestValidator();
/** The labels the Keycloak operator puts on the pods of the `keycloak` CR. */
const KEYCLOAK_PODS = { 'app.kubernetes.io/instance': 'keycloak', 'app.kubernetes.io/managed-by': 'keycloak-operator' };
const ofKind = (objects: K8sObject[], kind: string): Any[] => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string): Any => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} missing`);
  return found;
};

/** Files whose committed content differs from what the generator writes now. */
function drift(committed: (path: string) => string | undefined): string[] {
  return [...generate()].filter(([path, content]) => committed(path) !== content).map(([path]) => path);
}
const onDisk = (path: string) => {
  try {
    return readFileSync(join(K8S_DIR, path), 'utf8');
  } catch {
    return undefined;
  }
};

describe('infra/k8s is generated from the catalogue, the topic list and the subgraph schemas', () => {
  it('the committed manifests are what the generator writes (else: npm run k8s:generate)', () => {
    expect(drift(onDisk)).toEqual([]);
  });

  it('negative control: a hand edit of a committed manifest, or a topic missing from it, is drift', () => {
    const edited = (path: string) => (path === 'base/kafka-topics.yaml' ? onDisk(path)?.replace(/partitions: 3/, 'partitions: 4') : onDisk(path));
    expect(drift(edited)).toEqual(['base/kafka-topics.yaml']);
    const withoutTopic = (path: string) =>
      path === 'base/kafka-topics.yaml' ? onDisk(path)?.replaceAll(ALL_TOPICS[0], 'forgotten.topic.v1') : onDisk(path);
    expect(drift(withoutTopic)).toEqual(['base/kafka-topics.yaml']);
  });
});

describe('the catalogue knows what each service consumes', () => {
  /** Topics of the handlers in services/<name>/src (`readonly topic = Topic.X`), by service. */
  const handled = (root: string) =>
    Object.fromEntries(
      readdirSync(join(root, 'services'))
        .filter((name) => existsSync(join(root, 'services', name, 'src')))
        .map((name) => [name, handlerTopics(join(root, 'services', name, 'src'))]),
    );

  it('every topic a service has a handler for is in its catalogue entry (its HPA cap and consumer group depend on it)', () => {
    const missing = Object.entries(handled(resolve(K8S_DIR, '../..'))).flatMap(([name, topics]) => {
      const consumes = SERVICES.find((s) => s.name === name)?.consumes ?? [];
      return topics.filter((t) => !consumes.includes(t as never)).map((t) => `${name}: ${t}`);
    });
    expect(missing).toEqual([]);
  });

  it('negative control: a handler for a topic the catalogue does not list is found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handlers-'));
    try {
      writeFileSync(join(dir, 'x.handler.ts'), 'export class X {\n  readonly topic = Topic.TourScheduled;\n}\n');
      expect(handlerTopics(dir)).toEqual(['logistics.tour-scheduled.v1']);
      expect(SERVICES.find((s) => s.name === 'booking')?.consumes).not.toContain('logistics.tour-scheduled.v1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function handlerTopics(dir: string): string[] {
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.handler.ts') ? [join(d, n)] : []));
  return files(dir).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/readonly topic = Topic\.(\w+)/g)].map((m) => (Topic as Record<string, string>)[m[1]] ?? `unknown Topic.${m[1]}`),
  );
}

describe.each(OVERLAYS.map((o) => o.name))('overlay %s', (overlay) => {
  const objects = rendered[overlay];
  const deployments = ofKind(objects, 'Deployment');

  it('every object validates against its strict JSON schema', () => {
    expect(validator.validateAll(objects)).toEqual([]);
    expect(objects.length).toBeGreaterThan(50);
  });

  it('holds one KafkaTopic per topic of ALL_TOPICS and its .dlq, and no other', () => {
    const names = ofKind(objects, 'KafkaTopic').map((t) => t.spec.topicName).sort();
    expect(names).toEqual(ALL_TOPICS.flatMap((t) => [t, `${t}.dlq`]).sort());
  });

  it('runs every service of the catalogue as a hardened Deployment with probes, requests and limits', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(SERVICES.map((s) => s.name).sort());
    for (const d of deployments) expect([d.metadata.name, ruleViolations(d)]).toEqual([d.metadata.name, []]);
  });

  it('gives every Deployment a Service, a PodDisruptionBudget, an HPA and its own NetworkPolicy', () => {
    for (const d of deployments) {
      const name = d.metadata.name;
      const podLabels = d.spec.template.metadata.labels;
      const selects = (sel: Record<string, string>) => Object.entries(sel).every(([k, v]) => podLabels[k] === v);
      expect(selects(named(objects, 'Service', name).spec.selector)).toBe(true);
      expect(selects(named(objects, 'PodDisruptionBudget', name).spec.selector.matchLabels)).toBe(true);
      expect(named(objects, 'HorizontalPodAutoscaler', name).spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(selects(named(objects, 'NetworkPolicy', name).spec.podSelector.matchLabels)).toBe(true);
      expect(selects(named(objects, 'NetworkPolicy', 'marketplace-default-deny').spec.podSelector.matchLabels)).toBe(true);
    }
  });

  it('caps each consumer HPA at the partition count of every topic it consumes', () => {
    const partitions = new Map(ofKind(objects, 'KafkaTopic').map((t) => [t.spec.topicName, t.spec.partitions]));
    for (const d of deployments) {
      const consumes = (d.metadata.annotations['marketplace.regional/consumes'] as string).split(',').filter(Boolean);
      const max = named(objects, 'HorizontalPodAutoscaler', d.metadata.name).spec.maxReplicas;
      for (const topic of consumes) {
        expect([topic, partitions.get(topic)]).toEqual([topic, expect.any(Number)]);
        expect(max).toBeLessThanOrEqual(partitions.get(topic));
      }
    }
  });

  it('lets each service reach only its own database, Kafka and Keycloak; the gateway reaches the subgraphs', () => {
    for (const s of SERVICES) {
      const egress = named(objects, 'NetworkPolicy', s.name).spec.egress as Any[];
      const peers = egress.flatMap((e) => e.to.map((t: Any) => JSON.stringify(t.podSelector?.matchLabels ?? {})));
      const dbPeers = peers.filter((p) => p.includes('cnpg.io/cluster'));
      expect(dbPeers).toEqual(s.database ? [JSON.stringify({ 'cnpg.io/cluster': dbCluster(s.name) })] : []);
      const workloadPeers = peers.filter((p) => p.includes('app.kubernetes.io/name'));
      const subgraphs = SERVICES.filter((x) => x.role === 'subgraph').map((x) => JSON.stringify({ 'app.kubernetes.io/name': x.name }));
      expect(workloadPeers).toEqual(s.role === 'gateway' ? subgraphs : []);
      const db = s.database ? named(objects, 'NetworkPolicy', dbCluster(s.name)) : undefined;
      if (db) expect(db.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': s.name } } }]);
    }
  });

  it('gives each service database its own CloudNativePG cluster, read through the <cluster>-app secret', () => {
    for (const s of SERVICES.filter((x) => x.database)) {
      const cluster = named(objects, 'Cluster', dbCluster(s.name));
      expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: s.name, owner: s.name });
      const env = named(objects, 'Deployment', s.name).spec.template.spec.containers[0].env as Any[];
      expect(env.find((e) => e.name === `${s.name.toUpperCase()}_DATABASE_URL`)).toEqual({
        name: `${s.name.toUpperCase()}_DATABASE_URL`,
        valueFrom: { secretKeyRef: { name: `${dbCluster(s.name)}-app`, key: 'uri' } },
      });
    }
  });

  it('the gateway serves the supergraph of its ConfigMap, composed with in-cluster subgraph URLs', () => {
    const gateway = named(objects, 'Deployment', 'gateway').spec.template.spec;
    const file = gateway.containers[0].env.find((e: Any) => e.name === 'SUPERGRAPH_FILE').value as string;
    const volume = gateway.volumes.find((v: Any) => v.configMap?.name === 'gateway-supergraph');
    const mount = gateway.containers[0].volumeMounts.find((m: Any) => m.name === volume.name);
    expect(file.startsWith(`${mount.mountPath}/`)).toBe(true);
    const sdl = named(objects, 'ConfigMap', 'gateway-supergraph').data[file.slice(mount.mountPath.length + 1)] as string;
    expect(sdl).toContain('join__Graph');
    expect(sdl).toContain('url: "http://directory:4101/graphql"');
  });

  it('services fetch the signing keys from the in-cluster Keycloak their NetworkPolicy allows; only Keycloak reaches its database', () => {
    expect(named(objects, 'NetworkPolicy', 'keycloak-db').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: KEYCLOAK_PODS } }]);
    const config = named(objects, 'ConfigMap', 'marketplace-config').data;
    expect(new URL(config.OIDC_JWKS_URL).host).toBe('keycloak-service:8080');
    expect(config.OIDC_ISSUER).toMatch(/^https?:\/\/auth\.[^/]+\/realms\/marketplace$/);
    for (const s of SERVICES.filter((x) => x.role !== 'portal')) {
      const egress = named(objects, 'NetworkPolicy', s.name).spec.egress as Any[];
      expect(egress).toContainEqual({
        to: [{ podSelector: { matchLabels: KEYCLOAK_PODS } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      });
      expect(named(objects, 'Deployment', s.name).spec.template.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'marketplace-config' } }]);
    }
  });

  it('holds no password, no Secret and no credential-bearing URL', () => {
    expect(secretsIn(objects)).toEqual([]);
  });
});

describe('production overlay', () => {
  const objects = rendered.production;

  it('runs Kafka on three brokers and three controllers, topics replicated three times with min.insync.replicas 2', () => {
    const pools = ofKind(objects, 'KafkaNodePool');
    expect(pools.filter((p) => p.spec.roles.includes('broker')).reduce((n, p) => n + p.spec.replicas, 0)).toBe(3);
    expect(pools.filter((p) => p.spec.roles.includes('controller')).reduce((n, p) => n + p.spec.replicas, 0)).toBe(3);
    expect(named(objects, 'Kafka', 'marketplace').spec.kafka.config['min.insync.replicas']).toBe(2);
    for (const t of ofKind(objects, 'KafkaTopic')) expect([t.spec.replicas, t.spec.config['min.insync.replicas']]).toEqual([3, 2]);
  });

  it('declares backups for every database: object store with retention, and a daily ScheduledBackup', () => {
    const clusters = ofKind(objects, 'Cluster');
    expect(clusters.length).toBe(SERVICES.filter((s) => s.database).length + 1);
    for (const c of clusters) {
      expect(c.spec.backup.retentionPolicy).toBe('30d');
      expect(c.spec.backup.barmanObjectStore.s3Credentials.secretAccessKey).toEqual({ name: 'marketplace-backup-s3', key: 'SECRET_ACCESS_KEY' });
      expect(ofKind(objects, 'ScheduledBackup').filter((b) => b.spec.cluster.name === c.metadata.name)).toHaveLength(1);
      expect(c.spec.instances).toBe(3);
    }
  });

  it('imports the realm without demo users, passwords or password-grant clients', () => {
    const realm = named(objects, 'KeycloakRealmImport', 'marketplace-realm').spec.realm;
    expect(realm.users).toBeUndefined();
    expect(JSON.stringify(realm)).not.toMatch(/"credentials"|"password"/);
    expect(realm.clients.filter((c: Any) => c.directAccessGrantsEnabled)).toEqual([]);
    expect(realm.clients.find((c: Any) => c.clientId === 'marketplace-portal').redirectUris).toEqual(['https://portal.marketplace.example.org/*']);
    expect(realm.sslRequired).toBe('external');
  });
});

describe('local-cluster overlay', () => {
  it('imports the demo users with their password taken from a Secret made by hand, never written here', () => {
    const spec = named(rendered['local-cluster'], 'KeycloakRealmImport', 'marketplace-realm').spec;
    expect(spec.realm.users.map((u: Any) => u.username).sort()).toEqual(['alice', 'bob', 'carla', 'dan', 'eve', 'oscar']);
    for (const u of spec.realm.users) expect(u.credentials).toEqual([{ type: 'password', value: '${DEMO_USER_PASSWORD}', temporary: false }]);
    expect(spec.placeholders.DEMO_USER_PASSWORD).toEqual({ secret: { name: 'marketplace-demo-users', key: 'password' } });
  });
});

describe('the checks catch broken manifests (negative controls)', () => {
  const deployment = () => structuredClone(named(rendered.production, 'Deployment', 'booking')) as K8sObject;

  it('a misspelt field, a wrong type or an unknown kind fails schema validation, naming the field', () => {
    const typo = applyOps(deployment(), [{ op: 'add', path: '/spec/template/spec/containers/0/imagePullPolcy', value: 'Always' }]);
    expect(validator.check(typo)).toEqual([expect.stringContaining('/spec/template/spec/containers/0 must NOT have additional properties: imagePullPolcy')]);
    const topic = structuredClone(ofKind(rendered.production, 'KafkaTopic')[0]) as K8sObject;
    expect(validator.check(applyOps(topic, [{ op: 'replace', path: '/spec/partitions', value: '12' }]))).toEqual([
      expect.stringContaining('/spec/partitions must be integer'),
    ]);
    expect(validator.check(applyOps(topic, [{ op: 'add', path: '/metadata/lables', value: {} }]))).toEqual([
      expect.stringContaining('/metadata/ must NOT have additional properties: lables'),
    ]);
    expect(validator.check({ ...topic, apiVersion: 'kafka.strimzi.io/v1beta2' })).toEqual([expect.stringContaining('no schema for kafka.strimzi.io/v1beta2/KafkaTopic')]);
  });

  it('a Deployment running as root, without probes or limits breaks the rules', () => {
    const broken = applyOps(deployment(), [
      { op: 'remove', path: '/spec/template/spec/securityContext/runAsNonRoot' },
      { op: 'remove', path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot' },
      { op: 'remove', path: '/spec/template/spec/containers/0/readinessProbe' },
      { op: 'remove', path: '/spec/template/spec/containers/0/resources/limits' },
      { op: 'replace', path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem', value: false },
    ]);
    expect(ruleViolations(broken)).toEqual([
      'booking: runAsNonRoot is not set',
      'booking: readOnlyRootFilesystem is not set',
      'booking: no readinessProbe',
      'booking: no limits.cpu',
      'booking: no limits.memory',
    ]);
  });

  it('a literal password in an env var, a Secret or a URL is found', () => {
    const withPassword = applyOps(deployment(), [
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'KC_DB_PASSWORD', value: 'hunter2' } },
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'OTHER_URL', value: 'postgres://u:pw@h/db' } },
    ]);
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'x' } } as K8sObject;
    expect(secretsIn([withPassword, secret])).toEqual([
      'Deployment/booking: env KC_DB_PASSWORD has a literal value',
      'Deployment/booking: a URL with a password: postgres://u:***@h/db',
      'Secret/s: Secrets are never committed; create them out of band',
    ]);
  });

  it('the renderer refuses a patch whose target or path matches nothing', () => {
    expect(() => applyOps(deployment(), [{ op: 'replace', path: '/spec/nothing/here', value: 1 }])).toThrow('nothing does not exist');
  });
});

describe('the TypeScript renderer on a small kustomization (pins its behaviour where kubectl is absent)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'base/kustomization.yaml'), 'resources: [app.yaml]\n');
    writeFileSync(
      join(dir, 'base/app.yaml'),
      [
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: ns }',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a, labels: { tier: web } }\nspec: { replicas: 1, template: { spec: { containers: [{ name: a, image: "repo/a:1" }] } } }',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: b, labels: { tier: db } }\nspec: { replicas: 1, template: { spec: { containers: [{ name: b, image: "repo/b:1" }] } } }',
      ].join('\n---\n'),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const overlay = (body: string) => {
    writeFileSync(join(dir, 'overlay/kustomization.yaml'), body);
    return renderKustomization(join(dir, 'overlay'));
  };

  // Expected values are what kubectl kustomize 5.5 printed for the same files.
  it('applies namespace (renaming the Namespace, as kustomize does), images and patches chosen by label', () => {
    const out = overlay(
      'namespace: prod\nresources: [../base]\nimages: [{ name: repo/a, newName: reg/a, newTag: "2" }]\n' +
        'patches:\n  - target: { kind: Deployment, labelSelector: tier=web }\n    patch: \'[{"op": "replace", "path": "/spec/replicas", "value": 3}, {"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "side", "image": "s:1"}}]\'\n',
    ) as Any[];
    expect(out.map((o) => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual([
      ['Namespace', 'prod', undefined],
      ['Deployment', 'a', 'prod'],
      ['Deployment', 'b', 'prod'],
    ]);
    expect(out[1].spec.replicas).toBe(3);
    expect(out[1].spec.template.spec.containers.map((c: Any) => c.image)).toEqual(['reg/a:2', 's:1']);
    expect([out[2].spec.replicas, out[2].spec.template.spec.containers[0].image]).toEqual([1, 'repo/b:1']);
  });

  it('refuses what it does not implement, and a patch that matches nothing', () => {
    expect(() => overlay('resources: [../base]\nnamePrefix: x-\n')).toThrow('fields this renderer does not support: namePrefix');
    expect(() => overlay('resources: [../base]\npatches:\n  - target: { kind: Service }\n    patch: "[{op: remove, path: /spec}]"\n')).toThrow(
      'matches nothing',
    );
    expect(() => overlay('resources: [../base]\npatches:\n  - target: { kind: Deployment }\n    patch: "spec: { replicas: 2 }"\n')).toThrow(
      'only JSON 6902 patches',
    );
  });
});

describe('the TypeScript renderer agrees with kubectl kustomize', () => {
  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // Where kubectl is installed (it is on the machines of this project), both renderers must give
  // the same objects; elsewhere the overlays are still rendered and validated above.
  it.each(OVERLAYS.map((o) => o.name))('%s: same objects as kubectl kustomize, where kubectl exists', (overlay) => {
    if (!kubectl) return expect(kubectl).toBe(false);
    const { parseAllDocuments } = jest.requireActual<typeof import('yaml')>('yaml');
    const out = execFileSync('kubectl', ['kustomize', join(K8S_DIR, 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    const byKey = (list: K8sObject[]) => Object.fromEntries(list.map((o) => [key(o), o]));
    const theirs = byKey(parseAllDocuments(out).map((d) => d.toJS() as K8sObject));
    expect(byKey(rendered[overlay])).toEqual(theirs);
  });
});

/** The Deployment rules of issue 15, each violation named. */
function ruleViolations(d: Any): string[] {
  const name = d.metadata.name;
  const pod = d.spec.template.spec;
  const problems: string[] = [];
  for (const c of pod.containers as Any[]) {
    const sc = c.securityContext ?? {};
    if (!(sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot)) problems.push(`${name}: runAsNonRoot is not set`);
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${name}: readOnlyRootFilesystem is not set`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation is not false`);
    if (!sc.capabilities?.drop?.includes('ALL')) problems.push(`${name}: capabilities are not all dropped`);
    if (!c.readinessProbe) problems.push(`${name}: no readinessProbe`);
    if (!c.livenessProbe) problems.push(`${name}: no livenessProbe`);
    for (const kind of ['requests', 'limits']) {
      for (const r of ['cpu', 'memory']) if (!c.resources?.[kind]?.[r]) problems.push(`${name}: no ${kind}.${r}`);
    }
  }
  if (pod.automountServiceAccountToken !== false) problems.push(`${name}: mounts a service account token`);
  return problems;
}

/** Literal passwords anywhere: env values of secret-looking names, Secrets, URLs with credentials. */
function secretsIn(objects: K8sObject[]): string[] {
  const found: string[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    if (o.kind === 'Secret') found.push(`${id}: Secrets are never committed; create them out of band`);
    const walk = (node: Any): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        if (typeof node.name === 'string' && 'value' in node && /PASSWORD|SECRET|TOKEN|CREDENTIAL/i.test(node.name)) {
          found.push(`${id}: env ${node.name} has a literal value`);
        }
        return Object.values(node).forEach(walk);
      }
      if (typeof node === 'string') {
        const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@[^\s]*/i.exec(node);
        if (url) found.push(`${id}: a URL with a password: ${url[0].replace(`:${url[1]}@`, ':***@')}`);
      }
    };
    walk(o);
    if (o.kind === 'KeycloakRealmImport') {
      const users = ((o as Any).spec.realm.users ?? []) as Any[];
      for (const u of users) {
        for (const c of u.credentials ?? []) if (!/^\$\{[A-Z_]+\}$/.test(c.value)) found.push(`${id}: user ${u.username} has a literal password`);
      }
    }
  }
  return found;
}
