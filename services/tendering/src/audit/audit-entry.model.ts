import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => Int) position: number;
  @Field(() => Date) at: Date;
  @Field() actor: string;
  @Field() action: string;
  @Field({ description: 'JSON' }) detail: string;
  @Field() prevHash: string;
  @Field() hash: string;
}
