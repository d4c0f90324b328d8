import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

const badRequest = (message: string, status: number) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status } } });

/** A JSON body as GraphQL-over-HTTP expects it: an operation, or an array (a batch, refused later). */
export function parseJsonBody(text: string): Record<string, unknown> | unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('malformed request body', 400);
  }
  if (body === null || typeof body !== 'object') throw badRequest('malformed request body', 400);
  return body as Record<string, unknown> | unknown[];
}

/** Reads a request body, refusing (413) as soon as it goes past `maxBytes`, whatever Content-Length says. */
export async function readLimitedBody(request: Request, maxBytes: number, maxLabel: string): Promise<string> {
  const tooLarge = () => badRequest(`request body larger than ${maxLabel}`, 413);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isJson = (request: Request) => /^application\/(graphql\+)?json\b/i.test(request.headers.get('content-type') ?? '');

/**
 * Body size limit and a clear 400 for a malformed body. Yoga's own POST parser reads any size and
 * answers "POST body sent invalid JSON."; this one answers as the Apollo gateway did (413 "request
 * body larger than 100kb", 400 "malformed request body", code BAD_REQUEST). Other content types
 * Yoga accepts (form-encoded, application/graphql) keep Yoga's parser, behind the same limit.
 */
export function requestBodyPlugin(maxBytes: number, maxLabel: string): GatewayPlugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method !== 'POST' || !requestParser) return;
      setRequestParser(async (incoming) => {
        const text = await readLimitedBody(incoming, maxBytes, maxLabel);
        if (isJson(incoming)) return parseJsonBody(text) as never;
        return requestParser(new fetchAPI.Request(incoming.url, { method: 'POST', headers: incoming.headers, body: text }));
      });
    },
  };
}
