import { Controller } from '@nestjs/common';
import { TenderStatus, TenderStatusChangedSchema, Topic, type TenderStatusChanged } from '@rim/contracts';
import { traceFromCause, OnEvent, type InboxContext } from '@rim/messaging';
import { CapacityHoldsService } from '../capacity-holds.service';

const ENDED_WITHOUT_WORK: Partial<Record<TenderStatus, string>> = {
  [TenderStatus.CANCELLED]: 'the call was cancelled',
  [TenderStatus.UNSUCCESSFUL]: 'the call ended without award',
};

/** A call that ends without work releases whatever its bids still hold. */
@Controller()
export class TenderStatusChangedHandler {
  constructor(private readonly holds: CapacityHoldsService) {}

  @OnEvent(Topic.TenderStatusChanged, TenderStatusChangedSchema)
  async handle(event: TenderStatusChanged, { meta, tx }: InboxContext): Promise<void> {
    const reason = ENDED_WITHOUT_WORK[event.to];
    if (reason) await this.holds.releaseTender(tx, event.tenderId, reason, traceFromCause(meta));
  }
}
