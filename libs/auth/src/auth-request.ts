import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';

import type { Principal } from './principal';

/**
 * The part of an HTTP request (Express or Fastify) this library reads and writes: the guard puts
 * the verified principal on `req.principal`.
 *
 * @example
 * ```ts
 * @Controller()
 * class MeController {
 *   @Get('me') me(@Req() req: AuthenticatedRequest) { return req.principal?.userId; }
 * }
 * ```
 */
export interface AuthenticatedRequest {
  headers?: Record<string, string | string[] | undefined>;
  method?: string;
  path?: string;
  url?: string;
  principal?: Principal;
}

/** The request behind a GraphQL resolver (`context.req`) or an HTTP handler. */
export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  const type = context.getType<GqlContextType>();
  if (type === 'graphql') {
    const req = GqlExecutionContext.create(context).getContext<{ req?: AuthenticatedRequest }>()?.req;
    if (!req) {
      throw new Error(
        'auth: the GraphQL context has no `req`; configure GraphQLModule with `context: ({ req }) => ({ req })`',
      );
    }
    return req;
  }
  if (type === 'http') return context.switchToHttp().getRequest<AuthenticatedRequest>();
  throw new Error(`auth: no request in a "${type}" context`);
}

/** `Parent.field` for a GraphQL resolver, `METHOD /path` for HTTP: the keys of `publicOperations`. */
export function operationOf(context: ExecutionContext, req: AuthenticatedRequest): string {
  if (context.getType<GqlContextType>() === 'graphql') {
    const info = GqlExecutionContext.create(context).getInfo<{ parentType?: { name: string }; fieldName?: string }>();
    return `${info?.parentType?.name ?? '?'}.${info?.fieldName ?? '?'}`;
  }
  const path = req.path ?? (req.url ?? '').split('?')[0];
  return `${(req.method ?? '').toUpperCase()} ${path}`;
}
