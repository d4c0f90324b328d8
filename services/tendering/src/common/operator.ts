import type { RequestContext } from '@rim/service-kit';

/** The operator role sees what is otherwise its owner's only (drafts, consortia, evaluations). */
export function isOperator(ctx: RequestContext): boolean {
  return ctx.principal?.roles.has('operator') ?? false;
}
