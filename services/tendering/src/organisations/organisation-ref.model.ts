import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The directory's `Organisation`, as tendering points at it (`CallForTenders.buyer`); every other field comes from the directory. */
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}
