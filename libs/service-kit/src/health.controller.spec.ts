import { healthBody } from './health.controller';

describe('healthBody', () => {
  it('answers 200 when every part is up', () => {
    expect(healthBody([{ name: 'database', up: true }, { name: 'broker', up: true }, { name: 'consumer booking', up: true }])).toEqual({
      status: 200,
      body: { status: 'ok', components: { database: 'up', broker: 'up', 'consumer booking': 'up' } },
    });
  });

  it('answers 503 naming each part that is down, and why', () => {
    const { status, body } = healthBody([
      { name: 'database', up: true },
      { name: 'broker', up: false, detail: 'unreachable: no answer within 1500 ms' },
      { name: 'consumer booking', up: false, detail: 'disconnected from the broker' },
    ]);
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'down',
      components: { database: 'up', broker: 'down: unreachable: no answer within 1500 ms', 'consumer booking': 'down: disconnected from the broker' },
      down: ['broker: unreachable: no answer within 1500 ms', 'consumer booking: disconnected from the broker'],
    });
  });
});
