import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal } from '@rim/auth';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Who is asking and which user action this belongs to. Service methods take it first, so tenant
 * scoping and event tracing never depend on ambient state.
 */
export interface RequestContext {
  principal: Principal | null;
  /** From the gateway's `x-correlation-id`, or a new id when the service is called directly. */
  correlationId: string;
}

/**
 * Resolver parameter decorator giving the RequestContext.
 *
 * @example
 * @Mutation(() => Organisation)
 * register(@Ctx() ctx: RequestContext, @Args('input') input: RegisterOrganisationInput) { ... }
 */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const req =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: RequestLike }>().req
      : context.switchToHttp().getRequest<RequestLike>();
  const header = req?.headers?.[CORRELATION_HEADER];
  const correlationId = typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
  return { principal: req?.principal ?? null, correlationId };
});

interface RequestLike {
  headers?: Record<string, string | string[] | undefined>;
  principal?: Principal;
}
