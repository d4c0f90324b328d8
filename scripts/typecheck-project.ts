/**
 * `nx run <project>:typecheck`: type-checks one project's TypeScript files (and whatever they
 * import) with the repository's compiler options, so Nx can cache the result per project.
 * `npm run typecheck` still checks everything in one go.
 *
 *   node -r @swc-node/register scripts/typecheck-project.ts libs/auth
 */
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');
const projectRoot = process.argv[2];
if (!projectRoot) {
  console.error('usage: typecheck-project.ts <project root, e.g. libs/auth>');
  process.exit(2);
}
const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
if (!parsed) throw new Error('tsconfig.json: cannot be read');
const prefix = `${resolve(ROOT, projectRoot)}/`;
const files = parsed.fileNames.filter((f) => f.startsWith(prefix));
const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
const diagnostics = ts.getPreEmitDiagnostics(program);
const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
if (diagnostics.length) {
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
console.log(`typecheck ${projectRoot}: ${files.length} files`);
