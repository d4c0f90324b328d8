import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { K8sObject } from './render';

/**
 * Validates rendered objects against the JSON schemas committed in infra/k8s/schemas/ (see its
 * PROVENANCE.md). The schemas forbid unknown fields, so a misspelt field fails like a wrong type;
 * a kind without a schema fails too, rather than passing unchecked.
 */
const SCHEMAS = join(__dirname, 'schemas');
const FILES: Record<string, string> = {
  'v1/ConfigMap': 'core-v1.32/configmap-v1.json',
  'v1/Namespace': 'core-v1.32/namespace-v1.json',
  'v1/Service': 'core-v1.32/service-v1.json',
  'v1/ServiceAccount': 'core-v1.32/serviceaccount-v1.json',
  'apps/v1/Deployment': 'core-v1.32/deployment-apps-v1.json',
  'autoscaling/v2/HorizontalPodAutoscaler': 'core-v1.32/horizontalpodautoscaler-autoscaling-v2.json',
  'policy/v1/PodDisruptionBudget': 'core-v1.32/poddisruptionbudget-policy-v1.json',
  'networking.k8s.io/v1/NetworkPolicy': 'core-v1.32/networkpolicy-networking-v1.json',
  'networking.k8s.io/v1/Ingress': 'core-v1.32/ingress-networking-v1.json',
  'kafka.strimzi.io/v1/Kafka': 'crds/kafka.strimzi.io/kafka_v1.json',
  'kafka.strimzi.io/v1/KafkaNodePool': 'crds/kafka.strimzi.io/kafkanodepool_v1.json',
  'kafka.strimzi.io/v1/KafkaTopic': 'crds/kafka.strimzi.io/kafkatopic_v1.json',
  'postgresql.cnpg.io/v1/Cluster': 'crds/postgresql.cnpg.io/cluster_v1.json',
  'postgresql.cnpg.io/v1/ScheduledBackup': 'local/scheduledbackup_v1.json',
  'k8s.keycloak.org/v2alpha1/Keycloak': 'crds/k8s.keycloak.org/keycloak_v2alpha1.json',
  'k8s.keycloak.org/v2alpha1/KeycloakRealmImport': 'crds/k8s.keycloak.org/keycloakrealmimport_v2alpha1.json',
};

const VENDOR_KEYWORDS = [
  'x-kubernetes-group-version-kind', 'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type',
  'x-kubernetes-map-type', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-unions', 'x-kubernetes-validations', 'x-kubernetes-embedded-resource',
  // OpenAPI annotations some CRD schemas carry
  'example',
];

export interface Finding { object: string; errors: string[] }

export class ManifestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly objectMeta: ValidateFunction;

  constructor() {
    // strict: an unknown keyword in a schema is a mistake, except the Kubernetes vendor ones declared here
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true, validateSchema: false });
    addFormats(this.ajv);
    for (const keyword of VENDOR_KEYWORDS) this.ajv.addKeyword(keyword);
    const meta = this.load('core-v1.32/configmap-v1.json').properties as { metadata: object };
    this.objectMeta = this.ajv.compile(meta.metadata);
  }

  private load(file: string): Record<string, unknown> {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    return schema;
  }

  private schemaFor(key: string): ValidateFunction | undefined {
    const file = FILES[key];
    if (!file) return undefined;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(this.load(file));
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** Every problem of one object, each naming the field's JSON pointer and the reason. */
  check(o: K8sObject): string[] {
    const key = `${o.apiVersion}/${o.kind}`;
    const validate = this.schemaFor(key);
    if (!validate) return [`no schema for ${key}: add one under infra/k8s/schemas/ (with its provenance)`];
    const errors: string[] = [];
    const describe = (fn: ValidateFunction, prefix: string) =>
      (fn.errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: ${(e.params as { additionalProperty: string }).additionalProperty}` : ''}`);
    if (!validate(o)) errors.push(...describe(validate, ''));
    if (!this.objectMeta(o.metadata)) errors.push(...describe(this.objectMeta, '/metadata'));
    return errors;
  }

  validateAll(objects: K8sObject[]): Finding[] {
    return objects
      .map((o) => ({ object: `${o.kind}/${o.metadata?.name}`, errors: this.check(o) }))
      .filter((f) => f.errors.length > 0);
  }
}
