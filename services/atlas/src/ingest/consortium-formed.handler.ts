import { Controller } from '@nestjs/common';
import { ConsortiumFormedSchema, Topic, type ConsortiumFormed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision } from './places';

/** A consortium is formed: its members (placed at their sites) and their shares per lot, to split an award. */
@Controller()
export class ConsortiumFormedHandler {
  @OnEvent(Topic.ConsortiumFormed, ConsortiumFormedSchema)
  async handle(event: ConsortiumFormed, { tx }: InboxContext): Promise<void> {
    const members = [...new Set([event.leadOrganisationId, ...event.memberOrganisationIds].filter((id) => id !== ''))];
    await tx.query(
      `INSERT INTO atlas_consortium (id, tender_id, member_organisation_ids) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET member_organisation_ids = EXCLUDED.member_organisation_ids`,
      [event.consortiumId, event.tenderId, members],
    );
    await tx.query(`DELETE FROM atlas_consortium_share WHERE consortium_id = $1`, [event.consortiumId]);
    for (const share of event.shares) {
      if (!share.lotId || !share.organisationId) continue;
      await tx.query(
        `INSERT INTO atlas_consortium_share (consortium_id, lot_id, organisation_id, share_percent) VALUES ($1, $2, $3, $4)
         ON CONFLICT (consortium_id, lot_id, organisation_id) DO UPDATE SET share_percent = EXCLUDED.share_percent`,
        [event.consortiumId, share.lotId, share.organisationId, Math.max(0, share.sharePercent)],
      );
    }
    await bumpRevision(tx);
  }
}
