import { readFileSync } from 'node:fs';
import type { StackComponent } from '@rim/local-stack';

/** How a supervised process ended. */
export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** One run of a component: a process that will exit some day. */
export interface SupervisedRun {
  pid: number;
  /** Resolves when the process exits, however it exits. */
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
}

export interface Component {
  name: string;
  logFile: string;
  /** Starts the component and resolves once it is ready (throws if it could not start). */
  start(): Promise<SupervisedRun>;
}

export type ComponentState = 'starting' | 'up' | 'restarting' | 'down' | 'stopped';

export interface SupervisorOptions {
  /** First delay before a restart; doubled after each restart in a row, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A crash loop: more than maxRestarts restarts within windowMs; the component is left down. */
  maxRestarts?: number;
  windowMs?: number;
  /** A run that stayed up this long resets the backoff. */
  healthyAfterMs?: number;
  /** Lines of the log printed when a component is given up. */
  tailLines?: number;
  print?: (line: string) => void;
  now?: () => number;
}

/**
 * The delay before restart number `attempt` (1-based) of a component: exponential backoff,
 * `initial * 2^(attempt-1)`, capped.
 *
 * @example
 * backoffDelay(3, 500, 10_000) // 2000
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/** The last lines of a log file, for the operator when a component is given up. */
export function logTail(file: string, lines: number): string {
  try {
    const text = readFileSync(file, 'utf8').replace(/\n$/, '');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log file)';
  }
}

const describeExit = (exit: ExitInfo) =>
  exit.signal ? (exit.signal.startsWith('SIG') ? `killed by ${exit.signal}` : exit.signal) : exit.code === null ? 'could not start' : `exit code ${exit.code}`;

interface Watched {
  component: Component;
  state: ComponentState;
  run: SupervisedRun | null;
  restarts: number[];
  attempt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps components (services, the gateway, parts of the local stack) running under `npm start`
 * (issue 14: after a service was killed, nothing restarted it and nothing was printed). A
 * component that exits without being asked is restarted after a backoff, and the restart is
 * printed; one that keeps crashing (a crash loop: more than `maxRestarts` within `windowMs`) is
 * left down, with the tail of its log, instead of being restarted for ever.
 *
 * @example
 * const supervisor = new Supervisor({ print: console.log });
 * await supervisor.add({ name: 'directory', logFile, start: () => launchService(spec, logDir) });
 * console.log(supervisor.statusLine()); // "directory up"
 */
export class Supervisor {
  private readonly watched = new Map<string, Watched>();
  private readonly options: Required<SupervisorOptions>;
  private stopping = false;

  constructor(options: SupervisorOptions = {}) {
    this.options = {
      initialDelayMs: 1_000,
      maxDelayMs: 30_000,
      maxRestarts: 5,
      windowMs: 120_000,
      healthyAfterMs: 60_000,
      tailLines: 20,
      print: (line) => console.log(line),
      now: () => Date.now(),
      ...options,
    };
  }

  /** Starts a component (the first start must succeed) and supervises it from then on. */
  async add(component: Component): Promise<void> {
    const watched: Watched = { component, state: 'starting', run: null, restarts: [], attempt: 0, timer: null };
    this.watched.set(component.name, watched);
    watched.run = await component.start();
    this.watch(watched, watched.run);
  }

  /** Stops one component and forgets it (the chaos suite swaps the directory for a variant). */
  async remove(name: string): Promise<void> {
    const watched = this.watched.get(name);
    if (!watched) return;
    this.watched.delete(name);
    if (watched.timer) clearTimeout(watched.timer);
    const run = watched.run;
    watched.run = null;
    watched.state = 'stopped';
    await run?.stop();
  }

  state(name: string): ComponentState | undefined {
    return this.watched.get(name)?.state;
  }

  /** One line with the state of every component, e.g. "directory up · booking restarting · gateway up". */
  statusLine(): string {
    return [...this.watched.values()].map((w) => `${w.component.name} ${w.state}`).join(' · ');
  }

  /** Stops every component, and supervision with them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.watched.values()].map(async (w) => {
        if (w.timer) clearTimeout(w.timer);
        w.state = 'stopped';
        await w.run?.stop();
      }),
    );
  }

  private setState(watched: Watched, state: ComponentState, detail: string): void {
    watched.state = state;
    this.options.print(`[supervise] ${watched.component.name} ${state}${detail ? ` (${detail})` : ''} | ${this.statusLine()}`);
  }

  private watch(watched: Watched, run: SupervisedRun): void {
    const startedAt = this.options.now();
    if (watched.state !== 'up') this.setState(watched, 'up', `pid ${run.pid}`);
    void run.exited.then((exit) => {
      if (this.stopping || watched.run !== run) return;
      if (this.options.now() - startedAt >= this.options.healthyAfterMs) watched.attempt = 0;
      this.onExit(watched, exit);
    });
  }

  private onExit(watched: Watched, exit: ExitInfo): void {
    const { maxRestarts, windowMs, initialDelayMs, maxDelayMs, tailLines } = this.options;
    const now = this.options.now();
    watched.run = null;
    watched.restarts = watched.restarts.filter((t) => now - t < windowMs);
    if (watched.restarts.length >= maxRestarts) {
      this.setState(watched, 'down', `${describeExit(exit)}; ${watched.restarts.length + 1} exits within ${Math.round(windowMs / 1000)} s: crash loop, not restarted`);
      this.options.print(`[supervise] last ${tailLines} lines of ${watched.component.logFile}:\n${logTail(watched.component.logFile, tailLines)}`);
      return;
    }
    watched.attempt += 1;
    watched.restarts.push(now);
    const delay = backoffDelay(watched.attempt, initialDelayMs, maxDelayMs);
    this.setState(watched, 'restarting', `${describeExit(exit)}; restart ${watched.attempt} in ${(delay / 1000).toFixed(1)} s`);
    watched.timer = setTimeout(() => void this.restart(watched), delay);
  }

  private async restart(watched: Watched): Promise<void> {
    watched.timer = null;
    if (this.stopping) return;
    try {
      const run = await watched.component.start();
      if (this.stopping) {
        await run.stop();
        return;
      }
      watched.run = run;
      this.watch(watched, run);
    } catch (error) {
      // A start that fails counts as one more exit.
      this.options.print(`[supervise] ${watched.component.name} failed to start: ${(error as Error).message.split('\n')[0]}`);
      this.onExit(watched, { code: null, signal: null });
    }
  }
}

/**
 * Hands a running stack's components (Postgres, Kafka, Keycloak) to a supervisor. They are already
 * up, so the first start takes over the running process and later ones restart it; stopping stays
 * with the stack's own shutdown, after the services, not with the supervisor.
 */
export async function superviseStack(supervisor: Supervisor, components: readonly StackComponent[]): Promise<void> {
  for (const component of components) {
    let first = true;
    const start = () => (first ? ((first = false), Promise.resolve(component.current())) : component.restart());
    await supervisor.add({
      name: component.name,
      logFile: component.logFile,
      start: async () => ({ ...(await start()), stop: async () => undefined }),
    });
  }
}
