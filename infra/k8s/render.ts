import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * A renderer of the kustomize subset these manifests use (`resources`, `namespace`, `images`,
 * JSON 6902 `patches` with a kind/name/labelSelector target), so `npm test` renders the overlays
 * where kubectl is absent. Anything else in a kustomization is refused rather than ignored: a
 * field the renderer does not know would make its output differ from `kubectl kustomize`'s. Where
 * kubectl exists, the spec checks that both render the same objects.
 */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

interface Target { kind?: string; name?: string; labelSelector?: string }
interface Patch { target?: Target; patch?: string; path?: string }
interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Patch[];
}
interface Op { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }

const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition']);

export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(k).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${file}: fields this renderer does not support: ${unknown.join(', ')}`);
  let objects: K8sObject[] = (k.resources ?? []).flatMap((r) => {
    const path = join(dir, r);
    if (existsSync(path) && statSync(path).isDirectory()) return renderKustomization(path);
    return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as K8sObject).filter(Boolean);
  });
  for (const p of k.patches ?? []) {
    const ops = parse(p.patch ?? readFileSync(join(dir, p.path ?? ''), 'utf8')) as Op[];
    if (!Array.isArray(ops)) throw new Error(`${file}: only JSON 6902 patches (a list of operations) are supported`);
    const matched = objects.filter((o) => matches(o, p.target ?? {}));
    if (matched.length === 0) throw new Error(`${file}: patch target ${JSON.stringify(p.target)} matches nothing`);
    objects = objects.map((o) => (matched.includes(o) ? applyOps(o, ops) : o));
  }
  for (const img of k.images ?? []) objects = objects.map((o) => retag(o, img));
  if (k.namespace) {
    // as kustomize does: a Namespace object is renamed to the kustomization's namespace
    objects = objects.map((o) =>
      o.kind === 'Namespace'
        ? { ...o, metadata: { ...o.metadata, name: k.namespace as string } }
        : CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } },
    );
  }
  return objects;
}

function matches(o: K8sObject, t: Target): boolean {
  if (t.kind && o.kind !== t.kind) return false;
  if (t.name && o.metadata.name !== t.name) return false;
  if (t.labelSelector) {
    return t.labelSelector.split(',').every((pair) => {
      const [key, value] = pair.split('=');
      return o.metadata.labels?.[key.trim()] === value?.trim();
    });
  }
  return true;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** RFC 6902 add / replace / remove on a deep copy; a missing parent or a replace of nothing throws. */
export function applyOps<T>(object: T, ops: Op[]): T {
  const copy = structuredClone(object) as unknown;
  for (const { op, path, value } of ops) {
    const keys = path.split('/').slice(1).map(unescape);
    const last = keys.pop();
    if (last === undefined) throw new Error(`patch path ${path}: empty`);
    let parent = copy as Record<string, unknown>;
    for (const key of keys) {
      const next = parent[key];
      if (typeof next !== 'object' || next === null) throw new Error(`patch path ${path}: ${key} does not exist`);
      parent = next as Record<string, unknown>;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op === 'add') parent.splice(index, 0, value);
      else if (index >= parent.length) throw new Error(`patch path ${path}: no element ${last}`);
      else if (op === 'replace') parent[index] = value;
      else parent.splice(index, 1);
      continue;
    }
    if (op !== 'add' && !(last in parent)) throw new Error(`patch path ${path}: nothing to ${op}`);
    if (op === 'remove') delete parent[last];
    else parent[last] = value;
  }
  return copy as T;
}

function retag(o: K8sObject, img: { name: string; newName?: string; newTag?: string }): K8sObject {
  if (o.kind !== 'Deployment') return o;
  const copy = structuredClone(o) as K8sObject & { spec: { template: { spec: { containers: Array<{ image: string }> } } } };
  for (const c of copy.spec.template.spec.containers) {
    const [name, tag] = c.image.split(':');
    if (name === img.name) c.image = `${img.newName ?? name}:${img.newTag ?? tag}`;
  }
  return copy;
}
