import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field(() => ID) tenderId: string;
  @Field() valid: boolean;
  @Field(() => Int) entries: number;
  @Field(() => Int, { nullable: true, description: 'Position of the first entry that does not hold.' }) brokenAt: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() headHash: string;
}
