import { Controller } from '@nestjs/common';
import { OrganisationRegisteredSchema, Topic, type OrganisationRegistered } from '@rim/contracts';
import { rememberOrganisationName } from '@rim/directory-copy';
import { OnEvent, type InboxContext } from '@rim/messaging';

/** Names of organisations, for consortium members, refusals and OCDS parties, without calling the directory. */
@Controller()
export class OrganisationRegisteredHandler {
  @OnEvent(Topic.OrganisationRegistered, OrganisationRegisteredSchema)
  async handle(event: OrganisationRegistered, { meta, tx }: InboxContext): Promise<void> {
    await rememberOrganisationName(tx, event, meta, { keepsRegistrationDate: false });
  }
}
