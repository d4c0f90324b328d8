import { Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@rim/auth';
import { OrganisationRef } from './organisation-ref.model';

/** Only the key: the gateway asks the directory for the rest, under the directory's rules. */
@Resolver(() => OrganisationRef)
export class OrganisationRefResolver {
  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): OrganisationRef {
    return { id: ref.id };
  }
}
