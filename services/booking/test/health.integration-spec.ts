import { eventually, serviceTestEnv, startSubgraphUnderTest, type SubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';

/** A broker address where nothing listens: the broker is "down" without touching the shared one. */
const NO_BROKER = '127.0.0.1:9';

async function health(service: SubgraphUnderTest, path = '/healthz'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(service.url.replace(/\/graphql$/, path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * /healthz reports the broker and the inbox consumer (issue 14: every /healthz answered 200
 * while Kafka was stopped), and /healthz/live only the process, which is what a launcher waits for.
 */
describe('booking /healthz with the broker and the consumer (real Postgres and Kafka)', () => {
  let withBroker: SubgraphUnderTest;
  let withoutBroker: SubgraphUnderTest;

  beforeAll(async () => {
    [withBroker, withoutBroker] = await Promise.all([
      startSubgraphUnderTest('booking_health', (url) => AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', url)))),
      startSubgraphUnderTest('booking_nobroker', (url) =>
        AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', url, { KAFKA_BROKERS: NO_BROKER })))),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([withBroker?.stop(), withoutBroker?.stop()]);
  });

  it('answers 200 once the broker answers and the consumer is in its group', async () => {
    const result = await eventually('/healthz to answer 200', () => health(withBroker), { until: (r) => r.status === 200, everyMs: 300 });
    expect(result).toEqual({ status: 200, body: { status: 'ok', components: { database: 'up', broker: 'up', 'consumer booking': 'up' } } });
  });

  it('answers 503 naming the broker and the consumer when the broker cannot be reached', async () => {
    const result = await health(withoutBroker);
    expect(result.status).toBe(503);
    expect(result.body).toMatchObject({
      status: 'down',
      components: { database: 'up', broker: expect.stringMatching(/^down: unreachable: /), 'consumer booking': expect.stringMatching(/^down: /) },
      down: [expect.stringMatching(/^broker: unreachable/), expect.stringMatching(/^consumer booking: /)],
    });
    // Nothing internal beyond the reason: no stack trace.
    expect(JSON.stringify(result.body)).not.toMatch(/\bat .*\.[jt]s:\d+/);
  });

  it('is still live without the broker: it serves requests (the launcher waits for /healthz/live)', async () => {
    expect(await health(withoutBroker, '/healthz/live')).toEqual({ status: 200, body: { status: 'ok', components: { database: 'up' } } });
    const graphql = await fetch(withoutBroker.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(200);
  });
});
