import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum BidStatus {
  SUBMITTED = 'SUBMITTED',
  WITHDRAWN = 'WITHDRAWN',
  REPLACED = 'REPLACED',
}
registerEnumType(BidStatus, { name: 'BidStatus' });

@ObjectType('BidReceipt', { description: 'Proof of submission: the SHA-256 of the sealed bid as stored and the exact time it was received.' })
export class BidReceiptModel {
  @Field(() => ID) bidId: string;
  @Field(() => ID) tenderId: string;
  @Field(() => ID) bidderOrganisationId: string;
  @Field(() => ID, { nullable: true }) consortiumId: string | null;
  @Field(() => [ID]) lotIds: string[];
  @Field(() => BidStatus) status: BidStatus;
  @Field({ description: 'Hex SHA-256 over the ciphertext, its IV and tag, and the wrapped data key.' }) sealedSha256: string;
  @Field(() => Date) receivedAt: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => ID, { nullable: true }) replacesBidId: string | null;
}
