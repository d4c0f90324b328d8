import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContractSignedSchema, Topic, type ContractSigned } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { awardMembers } from './lot-awarded.handler';
import { bumpRevision } from './places';

/** The signed contract's value and parties replace the award's (it is the final figure). */
@Injectable()
export class ContractSignedHandler implements IntegrationEventHandler<typeof ContractSignedSchema> {
  readonly topic = Topic.ContractSigned;
  readonly schema = ContractSignedSchema;

  async handle(event: ContractSigned, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO atlas_award (lot_id, tender_id, member_organisation_ids, value_eur, source) VALUES ($1, $2, $3, $4, 'contract')
       ON CONFLICT (lot_id) DO UPDATE SET member_organisation_ids = EXCLUDED.member_organisation_ids, value_eur = EXCLUDED.value_eur, source = 'contract'`,
      [event.lotId, event.tenderId, awardMembers(event.supplierOrganisationId, event.memberOrganisationIds), Math.max(0, event.valueEur)],
    );
    await bumpRevision(tx);
  }
}
