import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/**
 * Raised when the environment does not describe a bootable service. Its message lists every
 * variable to set and why, so an operator fixes them all at once instead of one per restart.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(
      `${service}: refusing to start, the configuration is incomplete:\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((reason) => `${e.property}: ${reason}`),
  );
}

/**
 * Builds one validated config object from environment variables. Property names of the class are
 * the variable names; `class-transformer` decorators convert strings to numbers and lists.
 *
 * @example
 * ```ts
 * class DirectoryConfig {
 *   @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'] }) DIRECTORY_DATABASE_URL!: string;
 * }
 * const config = loadConfig('directory', DirectoryConfig, process.env);
 * ```
 */
export function loadConfig<T extends object>(
  service: string,
  schema: new () => T,
  env: Record<string, string | undefined>,
): T {
  const config = plainToInstance(schema, { ...env }, { exposeDefaultValues: true });
  const problems = describe(validateSync(config, { whitelist: false, skipMissingProperties: false }));
  if (problems.length > 0) throw new ConfigError(service, problems);
  return config;
}
