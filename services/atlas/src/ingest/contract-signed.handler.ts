import { Controller } from '@nestjs/common';
import { ContractSignedSchema, Topic, type ContractSigned } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { awardMembers } from './lot-awarded.handler';
import { bumpRevision } from './places';

/** The signed contract's value and parties replace the award's (it is the final figure). */
@Controller()
export class ContractSignedHandler {
  @OnEvent(Topic.ContractSigned, ContractSignedSchema)
  async handle(event: ContractSigned, { tx }: InboxContext): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_award (lot_id, tender_id, member_organisation_ids, value_eur, source) VALUES ($1, $2, $3, $4, 'contract')
       ON CONFLICT (lot_id) DO UPDATE SET member_organisation_ids = EXCLUDED.member_organisation_ids, value_eur = EXCLUDED.value_eur, source = 'contract'`,
      [event.lotId, event.tenderId, awardMembers(event.supplierOrganisationId, event.memberOrganisationIds), Math.max(0, event.valueEur)],
    );
    await bumpRevision(tx);
  }
}
