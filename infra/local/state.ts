/**
 * The pid file of a running stack (leftovers of a crashed stack of the same profile are killed at
 * the next start) and the check that the profile's ports are free.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { HOST, type Profile, type ProfilePorts } from './profiles';
import { cmdline, groupAlive, isAlive, killGroup, portOpen, sleep, STOP_GRACE_MS } from './processes';

/** Name of the pid file inside a profile's state dir. */
export const PID_FILE = 'stack.pid.json';

export interface PidFile {
  owner: number;
  groups: number[];
  postgres?: number;
}

export async function cleanLeftovers(stateDir: string, log: (l: string) => void): Promise<void> {
  const file = path.join(stateDir, PID_FILE);
  let pf: PidFile | undefined;
  try {
    pf = JSON.parse(await fsp.readFile(file, 'utf8')) as PidFile;
  } catch {
    return;
  }
  if (pf.owner !== process.pid && isAlive(pf.owner) && /node|stack/.test(cmdline(pf.owner))) {
    throw new Error(
      `a stack with state dir ${stateDir} is already running in process ${pf.owner} (${cmdline(pf.owner).slice(0, 120)}); stop it first`,
    );
  }
  const victims: number[] = [];
  for (const g of pf.groups) if (groupAlive(g) && cmdline(g).includes(stateDir)) victims.push(g);
  for (const g of victims) {
    log(`killing leftover process group ${g} of a previous run (${cmdline(g).slice(0, 80)}...)`);
    killGroup(g, 'SIGTERM');
  }
  if (pf.postgres && isAlive(pf.postgres) && cmdline(pf.postgres).includes(stateDir)) {
    log(`stopping leftover postgres ${pf.postgres} of a previous run`);
    try {
      process.kill(pf.postgres, 'SIGINT');
    } catch {
      /* gone */
    }
    victims.push(-pf.postgres);
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  const alive = () => victims.filter((v) => (v > 0 ? groupAlive(v) : isAlive(-v)));
  while (alive().length && Date.now() < deadline) await sleep(200);
  for (const v of alive()) {
    if (v > 0) killGroup(v, 'SIGKILL');
    else process.kill(-v, 'SIGKILL');
  }
  await fsp.rm(file, { force: true });
}

export async function assertPortsFree(ports: ProfilePorts, profile: Profile): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (await portOpen(port)) busy.push(`${name}=${port}`);
  if (busy.length) {
    throw new Error(
      `[stack:${profile}] port(s) already in use on ${HOST}: ${busy.join(', ')}. ` +
        `Another program (or a stack not started by this script) holds them; stop it, or override with ` +
        `STACK_${profile.toUpperCase()}_<NAME>_PORT.`,
    );
  }
}
