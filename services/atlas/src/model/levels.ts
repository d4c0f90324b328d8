export const LEVELS = ['region', 'departement', 'epci', 'commune', 'h3r5', 'h3r7'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
