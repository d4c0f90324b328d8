import { randomUUID } from 'node:crypto';

/**
 * CloudEvents (Kafka protocol binding, binary mode) attribute headers, plus the correlation and
 * causation ids that let an operator follow one user action across services.
 */
export const HEADER = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specVersion: 'ce_specversion',
  contentType: 'content-type',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  // Added to dead-lettered records only.
  dlqError: 'dlq_error',
  dlqAttempts: 'dlq_attempts',
  dlqOriginalTopic: 'dlq_original_topic',
  dlqOriginalPartition: 'dlq_original_partition',
  dlqOriginalOffset: 'dlq_original_offset',
} as const;

export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** Where an event comes from in the causal chain of a user action. */
export interface TraceContext {
  /** Shared by every event caused, directly or not, by one user request. */
  correlationId: string;
  /** The id of the event or request that directly caused this one. */
  causationId: string;
}

/**
 * A fresh trace for an action that starts here (a user request, a scheduled job).
 *
 * @example
 * const trace = newTrace(); // correlationId === causationId for the first link
 */
export function newTrace(requestId: string = randomUUID()): TraceContext {
  return { correlationId: requestId, causationId: requestId };
}

/**
 * The trace for an event caused by a received event: same correlation, caused by that event.
 *
 * @example
 * const trace = traceFromCause(received.headers);
 */
export function traceFromCause(cause: EventMetadata): TraceContext {
  return { correlationId: cause.correlationId, causationId: cause.id };
}

/** Metadata of a received event, read from its headers. */
export interface EventMetadata {
  id: string;
  type: string;
  source: string;
  time: string;
  correlationId: string;
  causationId: string;
}

export function readMetadata(headers: Record<string, string | undefined>): EventMetadata {
  const id = headers[HEADER.id];
  const type = headers[HEADER.type];
  if (!id || !type) {
    throw new MalformedEventError(`missing ${!id ? HEADER.id : HEADER.type} header`);
  }
  return {
    id,
    type,
    source: headers[HEADER.source] ?? 'unknown',
    time: headers[HEADER.time] ?? '',
    correlationId: headers[HEADER.correlationId] ?? id,
    causationId: headers[HEADER.causationId] ?? id,
  };
}

/** An event that can never be processed, whatever the number of retries: it goes to the DLQ at once. */
export class MalformedEventError extends Error {
  override name = 'MalformedEventError';
}

/**
 * The CloudEvents headers of one event as the outbox writes them: its id, its protobuf type, the
 * service it comes from, the time, and its trace.
 *
 * @example
 * const headers = eventHeaders({ id: randomUUID(), typeName: OrganisationRegisteredSchema.typeName, source: 'directory', trace: newTrace() });
 */
export function eventHeaders(event: { id: string; typeName: string; source: string; trace: TraceContext }): Record<string, string> {
  return {
    [HEADER.id]: event.id,
    [HEADER.type]: event.typeName,
    [HEADER.source]: event.source,
    [HEADER.time]: new Date().toISOString(),
    [HEADER.specVersion]: '1.0',
    [HEADER.contentType]: PROTOBUF_CONTENT_TYPE,
    [HEADER.correlationId]: event.trace.correlationId,
    [HEADER.causationId]: event.trace.causationId,
  };
}
