import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MESSAGING_MIGRATIONS, MessagingModule, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { HealthController, SUBGRAPH_PROVIDERS, subgraphModules } from '@rim/service-kit';
import type { DirectoryConfig } from './directory.config';
import { Organisations1763900000100 } from './migrations/1763900000100-organisations';
import { ProfileSitesCapabilities1763900000200 } from './migrations/1763900000200-profile-sites-capabilities';
import { NearestFirstSearch1763900000300 } from './migrations/1763900000300-nearest-first-search';
import { SiteSearchColumns1763900000400 } from './migrations/1763900000400-site-search-columns';
import { OrganisationNameSearch1763900000500 } from './migrations/1763900000500-organisation-name-search';
import { NameWordSearch1763900000600 } from './migrations/1763900000600-name-word-search';
import { SiteGeoCovering1763900000700 } from './migrations/1763900000700-site-geo-covering';
import { CommuneTextSearch1763900000800 } from './migrations/1763900000800-commune-text-search';
import { Capability } from './capabilities/capability.entity';
import { SpareCapacity } from './capacity/spare-capacity.entity';
import { OriginLabel } from './labels/label.entity';
import { Organisation } from './organisations/organisation.entity';
import { PartnerAccess } from './organisations/partner-access.entity';
import { SearchModule } from './search/search.module';
import { Site } from './sites/site.entity';
import { SitesModule } from './sites/sites.module';
import { DemoSeeder } from './seed/demo-seeder';
import { DIRECTORY_CONFIG } from './directory.tokens';
import { OrganisationsModule } from './organisations/organisations.module';

/** The directory's tables and their migrations, in order (also used by tests that need only the database). */
export const DIRECTORY_ENTITIES = [Organisation, PartnerAccess, Site, Capability, OriginLabel, SpareCapacity, ...messagingEntities];
export const DIRECTORY_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  Organisations1763900000100,
  ProfileSitesCapabilities1763900000200,
  NearestFirstSearch1763900000300,
  SiteSearchColumns1763900000400,
  OrganisationNameSearch1763900000500,
  NameWordSearch1763900000600,
  SiteGeoCovering1763900000700,
  CommuneTextSearch1763900000800,
];

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.DIRECTORY_DATABASE_URL,
            entities: DIRECTORY_ENTITIES,
            migrations: DIRECTORY_MIGRATIONS,
            applicationName: 'directory',
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({ service: 'directory', brokers: config.KAFKA_BROKERS }),
        ...subgraphModules(config),
        OrganisationsModule,
        SitesModule,
        SearchModule,
      ],
      controllers: [HealthController],
      providers: [
        ...SUBGRAPH_PROVIDERS,
        { provide: DIRECTORY_CONFIG, useValue: config },
        DemoSeeder,
      ],
    };
  }
}
