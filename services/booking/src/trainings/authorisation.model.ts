import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Authorisation } from './authorisation.entity';

@ObjectType('Authorisation', { description: 'A user allowed to book the assets gated by a training.' })
export class AuthorisationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) trainingId: string;
  @Field(() => ID, { description: 'Keycloak user id (sub).' }) userId: string;
  @Field(() => ID, { description: "The holder's organisation." }) organisationId: string;
  @Field() grantedAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
}

export function authorisationModel(a: Authorisation): AuthorisationModel {
  return { id: a.id, trainingId: a.trainingId, userId: a.userId, organisationId: a.organisationId, grantedAt: a.grantedAt, lastUsedAt: a.lastUsedAt };
}
