import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { AssetListedHandler } from './handlers/asset-listed.handler';
import { BookingCancelledHandler } from './handlers/booking-cancelled.handler';
import { BookingConfirmedHandler } from './handlers/booking-confirmed.handler';
import { CapacityDeclaredHandler } from './handlers/capacity-declared.handler';
import { CapacityExpiredHandler } from './handlers/capacity-expired.handler';
import { SiteAddedHandler } from './handlers/site-added.handler';
import { PartnerSuggestionsResolver } from './partner-suggestions.resolver';
import { PartnerSuggestionsService } from './partner-suggestions.service';

/** Sites, spare capacity and machine time of the directory and booking, the read model of the suggestions; registered by the app module. */
export const SUGGESTION_EVENT_HANDLERS = [
  SiteAddedHandler, CapacityDeclaredHandler, CapacityExpiredHandler,
  AssetListedHandler, BookingConfirmedHandler, BookingCancelledHandler,
];

/** Partners that could perform (part of) a lot, each with its reasons. */
@Module({
  imports: [TendersModule],
  providers: [PartnerSuggestionsService, PartnerSuggestionsResolver],
})
export class SuggestionsModule {}
