import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The directory's `Site`, referenced by `Asset.site`; booking adds no field to it. */
@ObjectType('Site')
@Directive('@key(fields: "id", resolvable: false)')
export class SiteRef {
  @Field(() => ID)
  id: string;
}
