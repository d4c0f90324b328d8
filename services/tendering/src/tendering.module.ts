import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BidsModule } from './bids/bids.module';
import { Keyring, MASTER_KEY } from './bids/keyring';
import { ConsortiaModule } from './consortia/consortia.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { OCDS_OPTIONS } from './ocds/ocds-exporter';
import { OcdsModule } from './ocds/ocds.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { SUGGESTION_OPTIONS } from './suggestions/partner-suggestions.service';
import { SuggestionsModule } from './suggestions/suggestions.module';
import type { TenderingConfig } from './tendering.config';
import { TENDERING_OPTIONS } from './tenders/tenders.service';
import { TendersModule } from './tenders/tenders.module';

/**
 * The aggregates of tendering, one module each, and the providers made from the configuration.
 * Those are global so that every aggregate module stays static (no `forRoot` of its own). The
 * keyring is one of them: it holds the master key, and tenders (a key per call), bids (sealing) and
 * evaluation (opening) all use it.
 *
 * The order of the imports is the order of the Query and Mutation fields in schema.graphql.
 */
@Global()
@Module({})
export class TenderingModule {
  static forRoot(config: TenderingConfig): DynamicModule {
    const settings = [
      { provide: MASTER_KEY, useValue: Buffer.from(config.TENDERING_MASTER_KEY as string, 'hex') },
      Keyring,
      { provide: TENDERING_OPTIONS, useValue: { deadlineSweepMs: config.TENDERING_DEADLINE_SWEEP_MS, standstillSeconds: config.TENDERING_STANDSTILL_SECONDS } },
      { provide: OCDS_OPTIONS, useValue: { publicUrl: config.TENDERING_PUBLIC_URL } },
      { provide: SUGGESTION_OPTIONS, useValue: { radiusKm: config.TENDERING_SUGGESTION_RADIUS_KM } },
    ];
    return {
      module: TenderingModule,
      imports: [TendersModule, ConsortiaModule, BidsModule, EvaluationModule, SuggestionsModule, OrganisationsModule, OcdsModule],
      providers: settings,
      exports: [MASTER_KEY, Keyring, TENDERING_OPTIONS, OCDS_OPTIONS, SUGGESTION_OPTIONS],
    };
  }
}
