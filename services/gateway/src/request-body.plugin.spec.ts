import { GraphQLError } from 'graphql';
import { parseJsonBody, readLimitedBody } from './request-body.plugin';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** A body sent in chunks without Content-Length, as a client streaming a request would. */
function chunked(chunks: number, size: number): Request {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return new Request('http://gateway.test/graphql', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('readLimitedBody', () => {
  it('returns a body at the limit', async () => {
    await expect(readLimitedBody(post('x'.repeat(1024)), 1024, '1kb')).resolves.toHaveLength(1024);
  });

  it('refuses one byte over the limit with 413 and BAD_REQUEST', async () => {
    const error = await refusal(readLimitedBody(post('x'.repeat(1025)), 1024, '1kb'));
    expect(error.message).toBe('request body larger than 1kb');
    expect(error.extensions).toEqual({ code: 'BAD_REQUEST', http: { status: 413 } });
  });

  it('refuses on a declared Content-Length over the limit', async () => {
    const request = new Request('http://gateway.test/graphql', { method: 'POST', headers: { 'content-length': '5000' }, body: '{}' });
    expect((await refusal(readLimitedBody(request, 1024, '1kb'))).extensions).toMatchObject({ http: { status: 413 } });
  });

  it('counts the bytes of a streamed body without Content-Length: 3 x 400 passes 1200, fails 1024', async () => {
    await expect(readLimitedBody(chunked(3, 400), 1200, '1200b')).resolves.toHaveLength(1200);
    expect((await refusal(readLimitedBody(chunked(3, 400), 1024, '1kb'))).extensions).toMatchObject({ http: { status: 413 } });
  });
});

describe('parseJsonBody', () => {
  it('parses an operation and passes an array through (batching is refused later, by Yoga)', () => {
    expect(parseJsonBody('{"query":"{ __typename }"}')).toEqual({ query: '{ __typename }' });
    expect(parseJsonBody('[{"query":"{ a }"}]')).toEqual([{ query: '{ a }' }]);
  });

  it.each([['{"query": "{ __typename'], ['null'], ['42'], ['"text"'], ['']])('refuses %j as a malformed body (400)', (text) => {
    let error: unknown;
    try {
      parseJsonBody(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe('malformed request body');
    expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_REQUEST', http: { status: 400 } });
  });
});
