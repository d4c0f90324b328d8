import { Controller } from '@nestjs/common';
import { TenderStatusChangedSchema, Topic, type TenderStatusChanged } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';
import { upsertTenderStatus } from './tender-published.handler';

/** A call for tenders leaves the open state (closed, cancelled, awarded…): it no longer counts as open. */
@Controller()
export class TenderStatusChangedHandler {
  @OnEvent(Topic.TenderStatusChanged, TenderStatusChangedSchema)
  async handle(event: TenderStatusChanged, { tx }: InboxContext): Promise<void> {
    await upsertTenderStatus(tx, event.tenderId, event.to);
    await bumpRevision(tx);
  }
}
