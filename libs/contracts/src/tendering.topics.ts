import { BidSubmittedSchema, CapacityHoldRequestedSchema, BidWithdrawnSchema, ContractSignedSchema, LotAwardedSchema } from './gen/marketplace/tendering/v1/bid_pb';
import { ConsortiumFormedSchema } from './gen/marketplace/tendering/v1/consortium_pb';
import { TenderClosedSchema, TenderPublishedSchema, TenderStatusChangedSchema } from './gen/marketplace/tendering/v1/tender_pb';

/** Topics owned by the tendering service. */
export const TenderingTopic = {
  TenderPublished: 'tendering.tender-published.v1',
  TenderStatusChanged: 'tendering.tender-status-changed.v1',
  TenderClosed: 'tendering.tender-closed.v1',
  ConsortiumFormed: 'tendering.consortium-formed.v1',
  BidSubmitted: 'tendering.bid-submitted.v1',
  BidWithdrawn: 'tendering.bid-withdrawn.v1',
  LotAwarded: 'tendering.lot-awarded.v1',
  ContractSigned: 'tendering.contract-signed.v1',
  CapacityHoldRequested: 'tendering.capacity-hold-requested.v1',
} as const;

export const TENDERING_TOPIC_SCHEMAS = {
  [TenderingTopic.TenderPublished]: TenderPublishedSchema,
  [TenderingTopic.TenderStatusChanged]: TenderStatusChangedSchema,
  [TenderingTopic.TenderClosed]: TenderClosedSchema,
  [TenderingTopic.ConsortiumFormed]: ConsortiumFormedSchema,
  [TenderingTopic.BidSubmitted]: BidSubmittedSchema,
  [TenderingTopic.BidWithdrawn]: BidWithdrawnSchema,
  [TenderingTopic.LotAwarded]: LotAwardedSchema,
  [TenderingTopic.ContractSigned]: ContractSignedSchema,
  [TenderingTopic.CapacityHoldRequested]: CapacityHoldRequestedSchema,
} as const;
