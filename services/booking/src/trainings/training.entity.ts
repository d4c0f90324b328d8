import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'training' })
@ObjectType('Training', { description: 'A training an asset owner requires before anyone books the asset.' })
export class Training {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  @Field(() => ID, { description: 'The organisation that runs the training.' })
  organisationId: string;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ name: 'expires_after_unused_months', type: 'int' })
  @Field(() => Int, { description: 'An authorisation lapses after this many months without a booking.' })
  expiresAfterUnusedMonths: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
