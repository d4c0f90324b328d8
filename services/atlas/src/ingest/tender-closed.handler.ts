import { Controller } from '@nestjs/common';
import { TenderClosedSchema, TenderStatus, Topic, type TenderClosed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';
import { upsertTenderStatus } from './tender-published.handler';

/** The submission deadline passed; the bid count is not kept (nothing here needs it). */
@Controller()
export class TenderClosedHandler {
  @OnEvent(Topic.TenderClosed, TenderClosedSchema)
  async handle(event: TenderClosed, { tx }: InboxContext): Promise<void> {
    await upsertTenderStatus(tx, event.tenderId, TenderStatus.CLOSED);
    await bumpRevision(tx);
  }
}
