import type { FieldProblem } from '@rim/service-kit';
import type { ConsortiumForm } from './guarantee';

export interface ReadinessInput {
  form: ConsortiumForm | null;
  members: Array<{ organisationId: string; name: string; status: 'INVITED' | 'ACCEPTED' | 'DECLINED'; role: 'LEAD' | 'MEMBER' }>;
  /** The lots the bid answers, with their shares. */
  lots: Array<{
    lotId: string;
    number: number;
    requiredProcesses: string[];
    shares: Array<{ organisationId: string; sharePercent: number; processCode: string }>;
  }>;
  /** Processes each organisation declares in the directory (the read model fed by its events). */
  declared: Map<string, Set<string>>;
}

/**
 * Why a consortium may not bid yet, one problem per missing thing, each naming what is missing:
 * every member accepted, the form chosen (it names the guarantee carrier), every answered lot
 * covered by members that declare its processes, shares summing to 100 %.
 */
export function consortiumReadiness(input: ReadinessInput, fieldPrefix = 'consortium'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(input.members.map((m) => [m.organisationId, m]));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  for (const m of input.members) {
    if (m.status === 'INVITED') problems.push({ field: `${fieldPrefix}.members`, reason: `${m.name} has not accepted the invitation yet` });
  }
  if (!input.form) {
    problems.push({ field: `${fieldPrefix}.form`, reason: 'choose CONJOINT or SOLIDAIRE: the guarantee carrier cannot be named without it' });
  }
  for (const lot of input.lots) {
    const field = `${fieldPrefix}.lots[${lot.number}]`;
    if (lot.shares.length === 0) {
      problems.push({ field, reason: `lot ${lot.number} has no member performing it` });
      continue;
    }
    const total = Math.round(lot.shares.reduce((s, x) => s + x.sharePercent, 0) * 100) / 100;
    if (total !== 100) problems.push({ field: `${field}.shares`, reason: `shares of lot ${lot.number} sum to ${total} %, not 100 %` });
    for (const s of lot.shares) {
      const member = byId.get(s.organisationId);
      if (!member || member.status === 'DECLINED') {
        problems.push({ field: `${field}.shares`, reason: `${nameOf(s.organisationId)} performs lot ${lot.number} but is not a member (declined or never invited)` });
      }
      if (!input.declared.get(s.organisationId)?.has(s.processCode)) {
        problems.push({ field: `${field}.shares`, reason: `${nameOf(s.organisationId)} does not declare the process "${s.processCode}" in the directory` });
      }
    }
    for (const process of lot.requiredProcesses) {
      const covered = lot.shares.some((s) => s.processCode === process && input.declared.get(s.organisationId)?.has(process));
      if (!covered) problems.push({ field: `${field}.coverage`, reason: `no member performing lot ${lot.number} declares the required process "${process}"` });
    }
  }
  return problems;
}
