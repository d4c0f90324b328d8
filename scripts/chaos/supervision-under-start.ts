/**
 * `npm run chaos:supervision`: records what `npm start`'s supervisor does when its components are
 * killed (issue 14, item 1; docs/decisions/0142). It runs the real `npm start` (profile dev: ports
 * 55432/19092/18080, services 4000-4200) as a child process, waits for "is up", then one after the
 * other kills -9 a service (the directory), the Kafka JVM, the Postgres postmaster and the Keycloak
 * JVM, each found by the port it listens on, and records for each: the `[supervise]` lines `npm start`
 * printed, the time to the supervisor's `up`, and the time until the platform serves again (the
 * directory's /healthz 200 with database, broker and consumer up, a query through the gateway
 * answering data, and Keycloak issuing a token). Then it stops `npm start` with SIGINT, as Ctrl-C
 * does, and checks that nothing listens on the profile's ports any more.
 *
 * Bounded: each wait has its own limit, and whatever happens `npm start`'s process group is killed
 * at the end. Prints a markdown table; `--out <file>` also writes it there.
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { portsFor } from '@rim/local-stack';
import { PLATFORM_PORTS, platformServices } from '../lib/service-launcher';

const ROOT = resolve(__dirname, '../..');
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 1_200_000;
const BACK_UP_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const since = (t0: number) => (Date.now() - t0) / 1000;

interface Fault {
  /** The component's name in the supervisor's lines. */
  component: string;
  what: string;
  port: number;
}

interface FaultResult extends Fault {
  pid: number;
  printed: string[];
  backUpS: number | undefined;
  servingS: number | undefined;
}

/** The pid of the process listening on `port` (ss -ltnp), or undefined. */
function listener(port: number): number | undefined {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : undefined;
}

async function answers(url: string, init?: RequestInit, check: (body: string) => boolean = () => true): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    return response.ok && check(await response.text());
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const outFile = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : undefined;
  const stack = portsFor('dev');
  const gateway = PLATFORM_PORTS.dev.gateway;
  const services = platformServices(PLATFORM_PORTS.dev);
  const directory = services.find((s) => s.name === 'directory')!.port;
  const ports = [...Object.values(stack).filter((p): p is number => typeof p === 'number'), gateway, PLATFORM_PORTS.dev.portal, ...services.map((s) => s.port)];
  const busy = ports.filter((p) => listener(p) !== undefined);
  if (busy.length) throw new Error(`ports of the dev profile already in use: ${busy.join(', ')}; stop that npm start first`);

  // npm start's own environment: nothing of the shared test stack.
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'OIDC_ISSUER']) delete env[name];
  const t0 = Date.now();
  const start = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
    cwd: ROOT,
    env,
    detached: true, // its own process group: killed whole if it does not stop by itself
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<{ t: number; text: string }> = [];
  const take = (chunk: Buffer) => {
    for (const text of chunk.toString().split('\n')) {
      if (!text.trim()) continue;
      lines.push({ t: Date.now(), text });
      console.log(`[npm start] ${text}`);
    }
  };
  start.stdout!.on('data', take);
  start.stderr!.on('data', take);
  let exitedAt: number | undefined;
  start.once('exit', () => (exitedAt = Date.now()));
  const printedSince = (from: number, pattern: RegExp) => lines.find((l) => l.t >= from && pattern.test(l.text));
  const waitFor = async (what: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const from = Date.now();
    while (Date.now() - from < timeoutMs) {
      if (await what()) return true;
      if (exitedAt) return false;
      await sleep(250);
    }
    return false;
  };

  const results: FaultResult[] = [];
  let startedS: number | undefined;
  let stoppedS: number | undefined;
  let left: number[] = [];
  try {
    if (!(await waitFor(() => printedSince(t0, /Regional industry marketplace is up/) !== undefined, READY_TIMEOUT_MS))) {
      throw new Error(`npm start was not up within ${READY_TIMEOUT_MS / 1000} s:\n${lines.slice(-30).map((l) => l.text).join('\n')}`);
    }
    startedS = since(t0);
    const issuer = `http://${HOST}:${stack.keycloak}/realms/marketplace`;
    const serving = async () =>
      (await answers(`http://${HOST}:${directory}/healthz`)) &&
      (await answers(
        `http://${HOST}:${gateway}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ organisations(first: 1) { edges { node { legalName } } } }' }) },
        (body) => body.includes('legalName') && !body.includes('"errors"'),
      )) &&
      (await answers(`${issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'marketplace-tests', username: 'oscar', password: 'demo', scope: 'openid' }),
      }));
    if (!(await waitFor(serving, 120_000))) throw new Error('npm start said it is up but does not serve (directory /healthz, gateway query, token)');

    const faults: Fault[] = [
      { component: 'directory', what: 'kill -9 a service (directory)', port: directory },
      { component: 'kafka', what: 'kill -9 the Kafka JVM', port: stack.kafka },
      { component: 'postgres', what: 'kill -9 the Postgres postmaster', port: stack.postgres },
      { component: 'keycloak', what: 'kill -9 the Keycloak JVM', port: stack.keycloak },
    ];
    for (const fault of faults) {
      const pid = listener(fault.port);
      if (!pid) throw new Error(`nothing listens on ${fault.port} (${fault.component})`);
      const tf = Date.now();
      process.kill(pid, 'SIGKILL');
      console.log(`[supervision] ${fault.what}: pid ${pid} killed`);
      const up = new RegExp(`^\\[supervise\\] ${fault.component} up\\b`);
      const backUp = await waitFor(() => printedSince(tf, up) !== undefined, BACK_UP_TIMEOUT_MS);
      const backUpS = backUp ? (printedSince(tf, up)!.t - tf) / 1000 : undefined;
      const servingAgain = backUp && (await waitFor(serving, BACK_UP_TIMEOUT_MS));
      const servingS = servingAgain ? since(tf) : undefined;
      const printed = lines.filter((l) => l.t >= tf && l.text.startsWith('[supervise]')).map((l) => `+${((l.t - tf) / 1000).toFixed(1)} s ${l.text}`);
      results.push({ ...fault, pid, printed, backUpS, servingS });
      console.log(`[supervision] ${fault.what}: back up ${backUpS?.toFixed(1) ?? 'never'} s, serving again ${servingS?.toFixed(1) ?? 'never'} s`);
      await sleep(5_000);
    }
  } finally {
    // Ctrl-C, as a user stops it; then check the ports.
    const ts = Date.now();
    if (!exitedAt) {
      start.kill('SIGINT');
      await waitFor(() => exitedAt !== undefined, STOP_TIMEOUT_MS);
      if (exitedAt) stoppedS = since(ts);
    }
    await sleep(2_000);
    left = ports.filter((p) => listener(p) !== undefined);
    if (!exitedAt || left.length) {
      try {
        process.kill(-start.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  const cell = (s: number | undefined) => (s === undefined ? 'never' : `${s.toFixed(1)} s`);
  const table = [
    `\`npm start\` under faults (${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}): up in ${cell(startedS)}, stopped by SIGINT in ${cell(stoppedS)}, ports left listening after: ${left.length ? left.join(', ') : 'none'}.`,
    '',
    '| fault | supervisor `up` after | serving again after | what `npm start` printed |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.what} | ${cell(r.backUpS)} | ${cell(r.servingS)} | ${r.printed
          .slice(0, 4)
          .map((p) => `\`${p.replace(/\|.*$/, '').trim()}\``)
          .join('<br>')} |`,
    ),
  ].join('\n');
  console.log(`\n${table}\n`);
  console.log(results.map((r) => `${r.what}:\n  ${r.printed.join('\n  ')}`).join('\n'));
  if (outFile) writeFileSync(outFile, `${table}\n\n${results.map((r) => `${r.what}:\n  ${r.printed.join('\n  ')}`).join('\n')}\n`);
  const failed = results.length < 4 || results.some((r) => r.servingS === undefined) || left.length > 0 || stoppedS === undefined;
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`[supervision] failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
