/*
 * The committed schema.graphql lists the object types in the order their classes are first loaded.
 * Loading them here, before anything else, in the order that file has always had, keeps it stable
 * whatever the folder layout: issue 10 split the models one type a file without changing a byte of
 * the SDL. A new model goes at the end.
 */
import './bids/bid.model';
import './bids/capacity-hold.model';
import './consortia/missing-item.model';
import './consortia/consortium-member.model';
import './consortia/consortium-share.model';
import './consortia/guarantee-carrier.model';
import './consortia/consortium-lot.model';
import './consortia/consortium.model';
import './organisations/organisation-ref.model';
import './tenders/award-criteria.model';
import './tenders/performance-guarantee.model';
import './tenders/lot.model';
import './tenders/question.model';
import './tenders/tender.model';
import './evaluation/bid-evaluation.model';
import './audit/audit-verification.model';
import './audit/audit-entry.model';
import './suggestions/partner-suggestion.model';
