import { Controller } from '@nestjs/common';
import { OrganisationUpdatedSchema, Topic, type OrganisationUpdated } from '@rim/contracts';
import { rememberOrganisationName } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** A renamed organisation keeps its new name here too (registered and updated may arrive in either order). */
@Controller()
export class OrganisationUpdatedHandler {
  @OnEvent(Topic.OrganisationUpdated, OrganisationUpdatedSchema)
  async handle(event: OrganisationUpdated, { meta, tx }: InboxContext): Promise<void> {
    await rememberOrganisationName(tx, event, meta, { keepsRegistrationDate: false });
  }
}
