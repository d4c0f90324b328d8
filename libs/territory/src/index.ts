/**
 * `@rim/territory`: the administrative boundaries of Auvergne-Rhône-Alpes shipped with the project
 * (communes under today's INSEE codes, EPCI, départements, région), their centres, and the little
 * plane geometry that built them.
 *
 * @example
 * import { territory } from '@rim/territory';
 * territory().commune('38185')?.centre; // [5.72.., 45.18..]
 */
export { ADMIN_LEVELS, Territory, territory, type AdminLevel, type Area, type Commune } from './territory';
export * from './geometry';
