import { Transform } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { databaseUrlMessage, loadConfig, POSTGRES_URL, ServiceConfig, withServiceDatabase } from '@rim/config';

/** Environment of the directory service. Feature code receives this object, never process.env. */
export class DirectoryConfig extends ServiceConfig {
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  DIRECTORY_PORT = 4101;

  @Matches(POSTGRES_URL, { message: databaseUrlMessage('directory') })
  DIRECTORY_DATABASE_URL: string;

  /** Development only: seed this many synthetic organisations at boot (npm start uses 300). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(200_000)
  DEMO_SEED_ORGANISATIONS = 0;
}

/** Loads the directory config; a shared DATABASE_URL names the server, `directory` the database. */
export function loadDirectoryConfig(env: NodeJS.ProcessEnv): DirectoryConfig {
  return loadConfig('directory', DirectoryConfig, withServiceDatabase('directory', env));
}
