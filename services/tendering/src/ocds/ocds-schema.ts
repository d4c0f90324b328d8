import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA_DIR = join(__dirname, 'schema');

/** Where each extension used by the export is published (listed in every package's `extensions`). */
export const OCDS_EXTENSION_URLS = {
  lots: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  bid: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
} as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** RFC 7396 JSON Merge Patch: how OCDS extensions apply onto the core schema. */
export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: { [k: string]: Json } = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

function read(path: string): Json {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, path), 'utf8')) as Json;
}

/**
 * The core release schema with the lots, bid and our consortium profile patches applied, and the
 * package schema, both rewritten from JSON Schema draft-04 to the draft-07 dialect Ajv 8 speaks:
 * `id` becomes `$id` and `$schema` is dropped. The OCDS schemas use no keyword whose meaning
 * changed between the two drafts (no boolean exclusiveMinimum/Maximum), so validation is the same.
 */
export function ocdsSchemas(): { release: Record<string, unknown>; releasePackage: Record<string, unknown> } {
  let release = read('release-schema.json');
  for (const ext of ['lots', 'bid', 'consortium']) release = mergePatch(release, read(`extensions/${ext}/release-schema.json`));
  const toDraft7 = (s: Json): Record<string, unknown> => {
    const { id, $schema: _ignored, ...rest } = s as { id: string; $schema?: string } & Record<string, unknown>;
    return { $id: id, ...rest };
  };
  return { release: toDraft7(release), releasePackage: toDraft7(read('release-package-schema.json')) };
}

/** Our profile extension's descriptor, served at /ocds/extensions/consortium/extension.json. */
export function consortiumExtensionFile(name: 'extension.json' | 'release-schema.json'): unknown {
  return read(`extensions/consortium/${name}`);
}
