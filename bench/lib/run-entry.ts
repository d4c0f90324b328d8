import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs a repository entry point (TypeScript, through @swc-node/register, on this Node) to its end,
 * its output prefixed into the bench's log. Rejects on a non-zero exit: a bench never goes on with
 * half its data.
 */
export function runEntry(entry: string, args: string[], env: Record<string, string>, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const relay = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log(line));
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${entry} exited with ${code ?? signal}`))));
  });
}
