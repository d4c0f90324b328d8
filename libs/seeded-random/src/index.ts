/**
 * `@rim/seeded-random`: the platform's one seeded random generator, for production code (the demo
 * territory generator), tests and benches alike.
 *
 * @example
 * ```ts
 * import { mulberry32 } from '@rim/seeded-random';
 * ```
 *
 * @packageDocumentation
 */
export { mulberry32 } from './mulberry32';
