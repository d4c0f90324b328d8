import { guaranteeCarriers } from './guarantee';
import { consortiumReadiness, type ReadinessInput } from './readiness';

const LEAD = 'lead';
const terms = { retentionPercent: 5, firstDemandEur: 10_000 };
const shares = [{ organisationId: LEAD, sharePercent: 60 }, { organisationId: 'b', sharePercent: 40 }];

describe('guarantee carrier', () => {
  it('solidaire: the mandataire for the whole', () => {
    expect(guaranteeCarriers('SOLIDAIRE', false, LEAD, shares, terms)).toEqual([
      expect.objectContaining({ organisationId: LEAD, sharePercent: 100, firstDemandAmountEur: 10_000 }),
    ]);
  });
  it('conjoint: each member for its share', () => {
    expect(guaranteeCarriers('CONJOINT', false, LEAD, shares, terms).map((c) => [c.organisationId, c.firstDemandAmountEur])).toEqual([
      [LEAD, 6_000],
      ['b', 4_000],
    ]);
  });
  it('conjoint with a jointly liable mandataire: the mandataire for the whole', () => {
    expect(guaranteeCarriers('CONJOINT', true, LEAD, shares, terms)).toHaveLength(1);
  });
});

describe('consortium readiness', () => {
  const ready: ReadinessInput = {
    form: 'CONJOINT',
    members: [
      { organisationId: LEAD, name: 'Lead SA', status: 'ACCEPTED', role: 'LEAD' },
      { organisationId: 'b', name: 'B SARL', status: 'ACCEPTED', role: 'MEMBER' },
    ],
    lots: [{ lotId: 'l1', number: 1, requiredProcesses: ['cnc-milling'], shares: [
      { organisationId: LEAD, sharePercent: 60, processCode: 'cnc-milling' },
      { organisationId: 'b', sharePercent: 40, processCode: 'welding' },
    ] }],
    declared: new Map([[LEAD, new Set(['cnc-milling'])], ['b', new Set(['welding'])]]),
  };

  it('a complete consortium has no problem', () => {
    expect(consortiumReadiness(ready)).toEqual([]);
  });

  it('names every missing thing', () => {
    const reasons = consortiumReadiness({
      ...ready,
      form: null,
      members: [ready.members[0], { ...ready.members[1], status: 'INVITED' }],
      lots: [{ ...ready.lots[0], requiredProcesses: ['cnc-milling', 'painting'], shares: [{ ...ready.lots[0].shares[0], sharePercent: 50 }, ready.lots[0].shares[1]] }],
      declared: new Map([[LEAD, new Set(['cnc-milling'])]]),
    }).map((p) => `${p.field}: ${p.reason}`);
    expect(reasons).toEqual([
      'consortium.members: B SARL has not accepted the invitation yet',
      'consortium.form: choose CONJOINT or SOLIDAIRE: the guarantee carrier cannot be named without it',
      'consortium.lots[1].shares: shares of lot 1 sum to 90 %, not 100 %',
      'consortium.lots[1].shares: B SARL does not declare the process "welding" in the directory',
      'consortium.lots[1].coverage: no member performing lot 1 declares the required process "painting"',
    ]);
  });
});
