/**
 * Child processes of the stack: waiting, logging, and the java processes (Kafka, Keycloak) run in
 * their own process group so that one signal reaches kc.sh's java too.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { StackRun } from './types';
import { HOST } from './profiles';

export const STOP_GRACE_MS = 15_000;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const secs = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

export function tail(file: string, lines = 30): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log file)';
  }
}

export class ComponentError extends Error {
  constructor(component: string, message: string, logFile: string) {
    super(`${component}: ${message}\n--- last 30 lines of ${logFile} ---\n${tail(logFile)}`);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** pid and all its descendants (Linux /proc). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
      const list = children.get(ppid) ?? [];
      list.push(Number.parseInt(entry, 10));
      children.set(ppid, list);
    } catch {
      /* process vanished */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  if (isAlive(root)) walk(root);
  return out;
}

export function portOpen(port: number, host = HOST, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  failFast?: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fatal = failFast?.();
    if (fatal) throw new Error(fatal);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}


export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(opts.logFile, 'a');
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out] });
    child.once('error', (e) => {
      fs.closeSync(out);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// managed child processes (java): own process group, so that kill(-pgid) reaches kc.sh's java too

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: boolean;
  exitInfo?: string;
}

export function spawnManaged(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Managed {
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const m: Managed = { name, child, exited: false };
  child.once('error', (e) => {
    m.exited = true;
    m.exitInfo = String(e);
  });
  child.once('exit', (code, signal) => {
    m.exited = true;
    m.exitInfo = `exited with ${code ?? signal}`;
  });
  liveGroups.add(child.pid!);
  return m;
}

/** process-group ids still to kill on exit */
const liveGroups = new Set<number>();

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

export async function stopManaged(m: Managed | undefined): Promise<void> {
  if (!m || m.child.pid === undefined) return;
  const pgid = m.child.pid;
  if (!m.exited) {
    const exited = new Promise<void>((r) => (m.exited ? r() : m.child.once('exit', () => r())));
    killGroup(pgid, 'SIGTERM');
    const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
    if ((await Promise.race([exited.then(() => 'ok' as const), timer])) === 'timeout') killGroup(pgid, 'SIGKILL');
    await exited;
  }
  // java children of kc.sh may linger a moment after the shell: wait for the group to be empty
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(200);
  if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
  liveGroups.delete(pgid);
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// synchronous last resort: the parent is exiting, children must not outlive it
process.on('exit', () => {
  for (const g of liveGroups) killGroup(g, 'SIGTERM');
});

export function managedRun(m: Managed): StackRun {
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    m.exited ? resolve({ code: m.child.exitCode, signal: m.child.signalCode }) : m.child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: m.child.pid ?? 0, exited, stop: () => stopManaged(m) };
}

