import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import type { InboxContext } from './inbox-context';

/** The transport id of the inbox: `@OnEvent` handlers are attached to the InboxTransport only. */
export const INBOX_TRANSPORT = Symbol('INBOX_TRANSPORT');

/** The key of the pattern's extras that holds the protobuf schema of the topic. */
export const EVENT_SCHEMA = 'eventSchema';

/** An `@OnEvent` method: the decoded event and the inbox context. */
export type InboxEventHandler<Desc extends DescMessage> = (event: MessageShape<Desc>, context: InboxContext) => Promise<void>;

/**
 * Hands a handler's error to the InboxTransport as it was thrown. Nest's default RPC filter
 * replaces any error that is not an RpcException by `{ status: 'error', message: 'Internal server
 * error' }`: the inbox would then lose what it needs, the SQLSTATE that tells "database
 * unreachable" (wait, do not spend the retry budget) from "this event fails" (retry, dead-letter),
 * and the message the dead-letter headers record.
 */
@Catch()
export class KeepHandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

/**
 * Marks a method of a `@Controller()` as the handler of one topic's integration events, applied
 * by the InboxTransport inside the transaction that records the event id in the inbox:
 * Nest's `@EventPattern(topic)`, on the inbox transport, with the schema that decodes the topic and
 * the handler's errors passed on unchanged (see {@link KeepHandlerErrorFilter}). A method that
 * decorates none of its parameters gets `(@Payload() event, @Ctx() context)`: Nest passes only the
 * payload to an undecorated method, and a handler without its transaction would fail every event.
 * One handler per topic and service; one handler class per file, named after the event.
 *
 * @example
 * ```ts
 * @Controller()
 * export class OrganisationRegisteredHandler {
 *   @OnEvent(Topic.OrganisationRegistered, OrganisationRegisteredSchema)
 *   async handle(event: OrganisationRegistered, { tx }: InboxContext): Promise<void> {
 *     await tx.query(`INSERT INTO known_organisation (id, legal_name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.organisationId, event.legalName]);
 *   }
 * }
 * ```
 */
export function OnEvent<Desc extends DescMessage>(
  topic: string,
  schema: Desc,
): <Method extends InboxEventHandler<Desc>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>) => void {
  return applyDecorators(
    EventPattern(topic, INBOX_TRANSPORT, { [EVENT_SCHEMA]: schema }),
    UseFilters(new KeepHandlerErrorFilter()),
    (target: object, key: string | symbol) => {
      // Parameter decorators run before method decorators: metadata here means the method chose.
      if (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.constructor, key)) return;
      Payload()(target, key, 0);
      Ctx()(target, key, 1);
    },
  );
}
