import { Controller } from '@nestjs/common';
import { LotAwardedSchema, Topic, type LotAwarded } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

/** The value a lot was awarded for and who won it; a signed contract's figures, once heard, take precedence. */
@Controller()
export class LotAwardedHandler {
  @OnEvent(Topic.LotAwarded, LotAwardedSchema)
  async handle(event: LotAwarded, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_award (lot_id, tender_id, member_organisation_ids, value_eur, source) VALUES ($1, $2, $3, $4, 'award')
       ON CONFLICT (lot_id) DO UPDATE SET member_organisation_ids = EXCLUDED.member_organisation_ids, value_eur = EXCLUDED.value_eur
        WHERE atlas_award.source = 'award'`,
      [event.lotId, event.tenderId, awardMembers(event.winnerOrganisationId, event.memberOrganisationIds), Math.max(0, event.awardedValueEur)],
    );
    await bumpRevision(tx);
  }
}

/** The organisations that perform the lot: the members of a consortium, or the single winner. */
export function awardMembers(winner: string, members: readonly string[]): string[] {
  const all = members.length > 0 ? members : [winner];
  return [...new Set(all.filter((id) => id !== ''))];
}
