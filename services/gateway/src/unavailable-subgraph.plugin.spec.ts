import { GraphQLError } from 'graphql';
import { unavailableSubgraphPlugin } from './unavailable-subgraph.plugin';

type Done = (payload: { result: unknown; setResult: (r: unknown) => void }) => void;

function afterSubgraph(subgraphName: string, result: unknown): { replaced: unknown; logged: string[] } {
  const logged: string[] = [];
  const plugin = unavailableSubgraphPlugin((service, e) => logged.push(`${service}: ${e.message}`));
  const done = (plugin.onSubgraphExecute as unknown as (p: { subgraphName: string }) => Done)({ subgraphName });
  let replaced: unknown;
  done({ result, setResult: (r) => (replaced = r) });
  return { replaced, logged };
}

describe('unavailableSubgraphPlugin', () => {
  it('names the service that could not be reached, and shows nothing internal', () => {
    const failure = new GraphQLError('connect ECONNREFUSED 127.0.0.1:9', {
      path: ['trip'],
      extensions: { code: 'SUBREQUEST_HTTP_ERROR', request: { method: 'POST', body: '{"query":"{trip}"}' } },
    });
    const { replaced, logged } = afterSubgraph('logistics', { data: null, errors: [failure] });
    const [error] = (replaced as { errors: GraphQLError[] }).errors;
    expect(error.message).toBe('the logistics service is unavailable; try again later');
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'logistics' });
    expect(error.path).toEqual(['trip']);
    expect(JSON.stringify(error.toJSON())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|query/);
    expect(logged).toEqual(['logistics: connect ECONNREFUSED 127.0.0.1:9']);
  });

  it("leaves the subgraph's own errors (a refusal with a code) as they are", () => {
    const refusal = new GraphQLError('input.siren: fails the Luhn checksum', { extensions: { code: 'BAD_USER_INPUT' } });
    expect(afterSubgraph('directory', { data: null, errors: [refusal] }).replaced).toBeUndefined();
    expect(afterSubgraph('directory', { data: { ok: true } }).replaced).toBeUndefined();
  });
});
