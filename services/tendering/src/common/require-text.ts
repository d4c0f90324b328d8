import { BadInputError } from '@rim/service-kit';

/** Plain string arguments escape the DTO pipe: refuse them the same way, naming the argument. */
export function requireText(field: string, text: string, max = 5000): string {
  const trimmed = text.trim();
  if (trimmed.length < 1 || trimmed.length > max) throw new BadInputError([{ field, reason: `must be between 1 and ${max} characters` }]);
  return trimmed;
}
