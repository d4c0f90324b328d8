import { kafkaProperties } from './kafka';

describe('Kafka server.properties', () => {
  const props = new Map(
    kafkaProperties('/state/kafka/data', 19092, 19093)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );

  it('binds broker and controller to loopback on the profile ports', () => {
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:19093');
  });

  it('never creates a topic on first use: topics come from the one list (ALL_TOPICS)', () => {
    expect(props.get('auto.create.topics.enable')).toBe('false');
  });
});
