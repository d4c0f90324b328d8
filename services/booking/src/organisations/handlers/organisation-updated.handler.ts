import { Controller } from '@nestjs/common';
import { OrganisationUpdatedSchema, Topic, type OrganisationUpdated } from '@rim/contracts';
import { rememberOrganisationName } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';

/**
 * Keeps the local copy fresh after a rename. The copy stays because booking checks, inside its own
 * transactions, that an operator acts for an organisation the directory knows (decision 0050).
 */
@Controller()
export class OrganisationUpdatedHandler {
  @OnEvent(Topic.OrganisationUpdated, OrganisationUpdatedSchema)
  async handle(event: OrganisationUpdated, { meta, tx }: InboxContext): Promise<void> {
    await rememberOrganisationName(tx, event, meta, { keepsRegistrationDate: true });
  }
}
