/**
 * `npm run docs:check` (part of `npm test`): the documentation says only what the code keeps.
 *
 * 1. Every relative link of every committed Markdown file resolves to a file or folder of the
 *    checkout (anchors are not checked; links out of the repository, `../shared/...`, are read
 *    against the checkout's parent, where CI and developers have shared/).
 * 2. Every `@example` of a TSDoc comment under libs/ and services/ type-checks with the repository's
 *    compiler options and paths. An example is a program fragment: its `import` lines stay at the top,
 *    the rest becomes the body of a function. A name it uses without importing it is imported from
 *    the module the comment documents, else from a library's public entry point (@rim/*), else from
 *    the framework packages of LOOKUP_PACKAGES; any other name is a value of the call site
 *    (`dataSource`, `config`) and is declared loosely. What is then checked: the documented API is
 *    called by its real names, with arguments and options its signatures accept, in valid syntax.
 *
 * Exit code 1 with one line per failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

function committedFiles(pattern: string): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', pattern], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && existsSync(join(ROOT, f)));
}

// ---------------------------------------------------------------------------------------------
// links

/** Relative link targets of a Markdown text, with their line, outside code blocks and code spans. */
export function relativeLinks(markdown: string): Array<{ line: number; target: string }> {
  const out: Array<{ line: number; target: string }> = [];
  let fenced = false;
  markdown.split('\n').forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)/g)) {
      const target = m[1] ?? m[2];
      if (/^([a-z][a-z0-9+.-]*:|#)/i.test(target)) continue;
      out.push({ line: i + 1, target });
    }
  });
  return out;
}

function checkLinks(): string[] {
  const failures: string[] = [];
  const files = committedFiles('*.md');
  let links = 0;
  for (const file of files) {
    for (const { line, target } of relativeLinks(readFileSync(join(ROOT, file), 'utf8'))) {
      links++;
      const path = decodeURIComponent(target.split('#')[0]);
      if (!path) continue;
      const resolved = path.startsWith('/') ? join(ROOT, path) : resolve(ROOT, dirname(file), path);
      if (!existsSync(resolved)) failures.push(`${file}:${line}: link to ${target}: no such file (${relative(ROOT, resolved)})`);
    }
  }
  console.log(`docs: ${links} relative links in ${files.length} Markdown files`);
  return failures;
}

// ---------------------------------------------------------------------------------------------
// @example blocks

interface Example {
  file: string;
  line: number;
  code: string;
}

/** The `@example` blocks of the TSDoc comments of a source text, without the comment's stars and fences. */
export function examplesOf(file: string, source: string): Example[] {
  const out: Example[] = [];
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const startLine = source.slice(0, m.index).split('\n').length;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*@example\b/.test(lines[i])) continue;
      const body: string[] = [];
      let j = i + 1;
      let inFence = false;
      for (; j < lines.length; j++) {
        if (/^\s*```/.test(lines[j])) {
          inFence = !inFence;
          continue;
        }
        if (!inFence && /^\s*@\w+/.test(lines[j])) break;
        body.push(lines[j]);
      }
      out.push({ file, line: startLine + i, code: body.join('\n').trim() });
      i = j - 1;
    }
  }
  return out;
}

/**
 * Where a name an example uses without importing it is looked up, first hit wins: the module the
 * comment documents, then the public entry points of the libraries, then the framework packages
 * the examples are written against. What none of them exports is a value of the call site
 * (`dataSource`, `config`, a service's `AppModule`) and is declared as such.
 */
const LOOKUP_PACKAGES = ['@nestjs/graphql', '@nestjs/common', '@nestjs/core', '@nestjs/typeorm', 'typeorm', 'class-validator', 'class-transformer', '@apollo/server', 'graphql', 'node:fs'];

/** The example as a module: its imports, the names it uses from elsewhere, the rest in a function. */
export function exampleModule(example: Example, imports: Map<string, string>, callSite: string[]): string {
  const own: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of example.code.split('\n')) {
    if (inImport || /^import\s/.test(line)) {
      own.push(line);
      inImport = !/;\s*$/.test(line) && !/from\s+'[^']+'\s*$/.test(line);
    } else body.push(line.replace(/^export\s+(?!default)/, ''));
  }
  const bySpec = new Map<string, string[]>();
  for (const [name, spec] of imports) bySpec.set(spec, [...(bySpec.get(spec) ?? []), name]);
  return [
    `// ${example.file}:${example.line}`,
    ...own,
    ...[...bySpec].map(([spec, names]) => `import { ${names.join(', ')} } from '${spec}';`),
    // eslint-style escape hatch for the call site's own values, typed loosely on purpose
    ...callSite.map((name) => `declare let ${name}: any; type ${name} = any;`),
    'export async function example(this: any) {',
    ...body,
    '}',
    '',
  ].join('\n');
}

function exportsOf(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file);
  const symbol = sourceFile && program.getTypeChecker().getSymbolAtLocation(sourceFile);
  return symbol ? program.getTypeChecker().getExportsOfModule(symbol).map((s) => s.getName()) : [];
}

/** Exports of each package of LOOKUP_PACKAGES, read through a module that imports them all. */
function packageExports(options: ts.CompilerOptions, dir: string): Map<string, string[]> {
  const file = join(dir, 'packages.ts');
  writeFileSync(file, LOOKUP_PACKAGES.map((p, i) => `import * as p${i} from '${p}';\nexport { p${i} };`).join('\n'));
  const program = ts.createProgram([file], options);
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  program.getSourceFile(file)!.statements.forEach((st) => {
    if (!ts.isImportDeclaration(st)) return;
    const spec = (st.moduleSpecifier as ts.StringLiteral).text;
    const symbol = checker.getSymbolAtLocation(st.moduleSpecifier);
    out.set(spec, symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : []);
  });
  return out;
}

const UNRESOLVED = new Set([2304, 2552, 18004]);

function checkExamples(): string[] {
  const sources = committedFiles('*.ts').filter((f) => /^(libs|services)\//.test(f) && !f.includes('/gen/'));
  const examples = sources.flatMap((f) => examplesOf(f, readFileSync(join(ROOT, f), 'utf8')));
  if (!examples.length) return [];
  const base = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!base) throw new Error('tsconfig.json: cannot be read');
  const options: ts.CompilerOptions = { ...base.options, noEmit: true };
  const dir = join(ROOT, '.local', 'docs-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const paths = (base.options.paths ?? {}) as Record<string, string[]>;
  const documented = [...new Set(examples.map((e) => join(ROOT, e.file)))];
  const libEntries = Object.entries(paths).map(([alias, [target]]) => ({ spec: alias, file: join(ROOT, target) }));
  const exportsProgram = ts.createProgram([...documented, ...libEntries.map((l) => l.file)], options);
  const lookup: Array<{ spec: (fromDir: string) => string; names: Set<string> }> = [
    ...libEntries.map((l) => ({ spec: () => l.spec, names: new Set(exportsOf(exportsProgram, l.file)) })),
    ...[...packageExports(options, dir)].map(([spec, names]) => ({ spec: () => spec, names: new Set(names) })),
  ];
  const relativeSpec = (file: string) => {
    const r = relative(dir, join(ROOT, file)).replace(/\.ts$/, '');
    return r.startsWith('.') ? r : `./${r}`;
  };

  const files = examples.map((example, i) => ({ example, file: join(dir, `example-${String(i).padStart(3, '0')}.ts`), imports: new Map<string, string>(), callSite: [] as string[] }));
  const write = () => files.forEach((f) => writeFileSync(f.file, exampleModule(f.example, f.imports, f.callSite)));
  write();
  // first pass: the names each example uses without importing them, then where they come from
  const first = ts.createProgram(files.map((f) => f.file), options);
  for (const f of files) {
    const names = new Set<string>();
    for (const d of ts.getPreEmitDiagnostics(first, first.getSourceFile(f.file))) {
      if (UNRESOLVED.has(d.code) && d.file && d.start !== undefined) names.add(d.file.text.slice(d.start, d.start + (d.length ?? 0)));
    }
    const ownExports = new Set(exportsOf(exportsProgram, join(ROOT, f.example.file)));
    for (const name of names) {
      if (ownExports.has(name)) f.imports.set(name, relativeSpec(f.example.file));
      else {
        const hit = lookup.find((l) => l.names.has(name));
        if (hit) f.imports.set(name, hit.spec(dir));
        else f.callSite.push(name);
      }
    }
  }
  write();
  const program = ts.createProgram(files.map((f) => f.file), options);
  const failures: string[] = [];
  for (const { file, example } of files) {
    for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(file))) {
      const at = d.file && d.start !== undefined ? ` (line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1} of ${relative(ROOT, file)})` : '';
      failures.push(`${example.file}:${example.line}: @example does not compile: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}${at}`);
    }
  }
  if (!failures.length) rmSync(dir, { recursive: true, force: true });
  const callSite = files.reduce((n, f) => n + f.callSite.length, 0);
  console.log(`docs: ${examples.length} @example blocks in ${documented.length} files type-checked (${callSite} call-site values declared)`);
  return failures;
}

if (require.main === module) {
  const failures = [...checkLinks(), ...checkExamples()];
  for (const f of failures) console.error(f);
  if (failures.length) {
    console.error(`docs: ${failures.length} problem(s)`);
    process.exit(1);
  }
  console.log('docs: every relative link resolves, every @example compiles');
}
