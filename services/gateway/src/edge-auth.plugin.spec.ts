import { correlationIdFrom } from './edge-auth.plugin';

describe('correlationIdFrom', () => {
  it('keeps a well-formed client correlation id', () => {
    expect(correlationIdFrom('e2e-0123456789abcdef')).toBe('e2e-0123456789abcdef');
  });

  it.each([[null], ['short'], ['has spaces in it'], ['x'.repeat(65)], ['line\r\nbreak-injected']])('replaces %j with a new UUID', (header) => {
    expect(correlationIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
