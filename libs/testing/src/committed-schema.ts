import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The committed-schema check of every service's main integration suite: the subgraph SDL the app
 * emits must be the committed `schema.graphql`, so that a schema change is a reviewed diff and the
 * supergraph check composes what really runs. `UPDATE_SCHEMAS=1` (or a missing file) rewrites the
 * file first; where `CI` is set it never writes, and the check fails instead, so a CI run cannot
 * commit a schema nobody looked at.
 *
 * It takes the SDL, printed by `subgraphSdl` of `@rim/service-kit`, rather than the app: this lib
 * may not import service-kit, whose own tests import this lib.
 *
 * @example
 * it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
 *   expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
 * });
 */
export function expectCommittedSchema(sdl: string, file: string, env: NodeJS.ProcessEnv = process.env): void {
  const wantsWrite = env.UPDATE_SCHEMAS === '1' || !existsSync(file);
  if (wantsWrite && env.CI) {
    if (!existsSync(file)) throw new Error(`${file} is not committed, and CI never writes it: run UPDATE_SCHEMAS=1 on this suite locally and commit the file`);
  } else if (wantsWrite) {
    writeFileSync(file, sdl);
  }
  const committed = readFileSync(file, 'utf8');
  if (sdl === committed) return;
  const emittedLines = sdl.split('\n');
  const committedLines = committed.split('\n');
  const at = emittedLines.findIndex((line, i) => line !== committedLines[i]);
  const line = at === -1 ? emittedLines.length : at;
  throw new Error(
    `the emitted subgraph schema differs from ${file} at line ${line + 1}:\n` +
      `  committed: ${committedLines[line] ?? '(end of file)'}\n` +
      `  emitted:   ${emittedLines[line] ?? '(end of file)'}\n` +
      `UPDATE_SCHEMAS=1 on this suite rewrites it (never where CI is set); review and commit the diff`,
  );
}
