/** What tests and tools reuse from scripts/: the service launcher, the supervisor, the demo seeds. */
export * from './service-launcher';
export * from './supervisor';
export { seedDemoLogistics } from './demo-seed-logistics';
export type { ChaosReport, PhaseReport } from '../chaos/chaos-run';
export { CHAOS_PORTS } from '../chaos/chaos-run';
