import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'authorisation' })
@ObjectType('Authorisation', { description: 'A user allowed to book the assets gated by a training.' })
export class Authorisation {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'training_id', type: 'uuid' })
  @Field(() => ID)
  trainingId: string;

  @Column({ name: 'user_id', type: 'text' })
  @Field(() => ID, { description: 'Keycloak user id (sub).' })
  userId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  @Field(() => ID, { description: "The holder's organisation." })
  organisationId: string;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  @Field()
  grantedAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;
}
