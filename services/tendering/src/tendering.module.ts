import { Module, type DynamicModule } from '@nestjs/common';
import { AuditTrail } from './audit/audit-trail';
import { BidsResolver } from './bids/bids.resolver';
import { BidsService } from './bids/bids.service';
import { Keyring, MASTER_KEY } from './bids/keyring';
import { ConsortiaResolver } from './consortia/consortia.resolver';
import { ConsortiaService } from './consortia/consortia.service';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { EvaluationService } from './evaluation/evaluation.service';
import { OcdsResolver } from './ocds/ocds.resolver';
import { OCDS_OPTIONS, OcdsExporter } from './ocds/ocds-exporter';
import { OcdsController } from './ocds/ocds.controller';
import { OrganisationRefResolver } from './organisations/organisation-ref.resolver';
import { PartnerSuggestionsResolver } from './suggestions/partner-suggestions.resolver';
import { PartnerSuggestionsService, SUGGESTION_OPTIONS } from './suggestions/partner-suggestions.service';
import type { TenderingConfig } from './tendering.config';
import { TenderTransitions } from './tenders/tender-transitions';
import { TENDERING_OPTIONS, TendersService } from './tenders/tenders.service';
import { TendersResolver } from './tenders/tenders.resolver';

@Module({})
export class TenderingModule {
  static forRoot(config: TenderingConfig): DynamicModule {
    return {
      module: TenderingModule,
      controllers: [OcdsController],
      providers: [
        { provide: MASTER_KEY, useValue: Buffer.from(config.TENDERING_MASTER_KEY as string, 'hex') },
        { provide: TENDERING_OPTIONS, useValue: { deadlineSweepMs: config.TENDERING_DEADLINE_SWEEP_MS, standstillSeconds: config.TENDERING_STANDSTILL_SECONDS } },
        { provide: OCDS_OPTIONS, useValue: { publicUrl: config.TENDERING_PUBLIC_URL } },
        AuditTrail,
        Keyring,
        TenderTransitions,
        TendersService,
        TendersResolver,
        ConsortiaService,
        ConsortiaResolver,
        BidsService,
        BidsResolver,
        EvaluationService,
        EvaluationResolver,
        { provide: SUGGESTION_OPTIONS, useValue: { radiusKm: config.TENDERING_SUGGESTION_RADIUS_KM } },
        PartnerSuggestionsService,
        PartnerSuggestionsResolver,
        OrganisationRefResolver,
        OcdsExporter,
        OcdsResolver,
      ],
    };
  }
}
