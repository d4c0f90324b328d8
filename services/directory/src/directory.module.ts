import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CapabilitiesModule } from './capabilities/capabilities.module';
import { CapacityModule } from './capacity/capacity.module';
import type { DirectoryConfig } from './directory.config';
import { LabelsModule } from './labels/labels.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { SearchModule } from './search/search.module';
import { DEMO_SEED_OPTIONS, DemoSeeder } from './seed/demo-seeder';
import { SitesModule } from './sites/sites.module';

/**
 * The aggregates of the directory, one module each, and the providers made from the configuration.
 * Those are global so that every aggregate module stays static (no `forRoot` of its own). The demo
 * seeder is one of them: it belongs to no aggregate and exists only for what the config asks.
 */
@Global()
@Module({})
export class DirectoryModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [OrganisationsModule, SitesModule, CapabilitiesModule, LabelsModule, CapacityModule, SearchModule],
      providers: [{ provide: DEMO_SEED_OPTIONS, useValue: { organisations: config.DEMO_SEED_ORGANISATIONS } }, DemoSeeder],
      exports: [DEMO_SEED_OPTIONS],
    };
  }
}
