import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectCommittedSchema } from './committed-schema';

const COMMITTED = 'type Query {\n  a: Int\n}\n';
const EMITTED = 'type Query {\n  a: Int\n  b: Int\n}\n';

describe('expectCommittedSchema', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schema-'));
    file = join(dir, 'schema.graphql');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes when the emitted SDL is the committed one, and writes nothing', () => {
    writeFileSync(file, COMMITTED);
    expect(() => expectCommittedSchema(COMMITTED, file, {})).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(COMMITTED);
  });

  it('fails on a difference, naming the file, the first line that differs and how to accept it', () => {
    writeFileSync(file, COMMITTED);
    expect(() => expectCommittedSchema(EMITTED, file, {})).toThrow(`differs from ${file} at line 3:\n  committed: }\n  emitted:     b: Int`);
    expect(readFileSync(file, 'utf8')).toBe(COMMITTED);
  });

  it('rewrites the file with UPDATE_SCHEMAS=1 outside CI, or when it is missing', () => {
    writeFileSync(file, COMMITTED);
    expectCommittedSchema(EMITTED, file, { UPDATE_SCHEMAS: '1' });
    expect(readFileSync(file, 'utf8')).toBe(EMITTED);
    const fresh = join(dir, 'fresh.graphql');
    expectCommittedSchema(EMITTED, fresh, {});
    expect(readFileSync(fresh, 'utf8')).toBe(EMITTED);
  });

  it('never writes where CI is set: UPDATE_SCHEMAS=1 there fails on the difference, and a missing file fails', () => {
    writeFileSync(file, COMMITTED);
    expect(() => expectCommittedSchema(EMITTED, file, { UPDATE_SCHEMAS: '1', CI: 'true' })).toThrow('differs from');
    expect(readFileSync(file, 'utf8')).toBe(COMMITTED);
    const missing = join(dir, 'missing.graphql');
    expect(() => expectCommittedSchema(EMITTED, missing, { CI: '1' })).toThrow('is not committed, and CI never writes it');
    expect(existsSync(missing)).toBe(false);
  });
});
