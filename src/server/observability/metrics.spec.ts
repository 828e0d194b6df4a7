import { GatewayMetrics, MAX_OPERATION_NAMES } from './metrics';
import { newRequestFacts } from './request-facts';

describe('GatewayMetrics', () => {
  it('keeps at most MAX_OPERATION_NAMES operation names as labels: the rest count as "other"', async () => {
    const metrics = new GatewayMetrics();
    const extra = 5;
    for (let index = 0; index < MAX_OPERATION_NAMES + extra; index += 1) {
      metrics.observeRequest({ ...newRequestFacts(`r${index}`), operationName: `Op${index}`, operationType: 'query' }, 200, 0.01, false);
    }
    metrics.observeRequest({ ...newRequestFacts('again'), operationName: 'Op0', operationType: 'query' }, 200, 0.01, false);
    const { values } = (await metrics.registry.getSingleMetric('newsgate_graphql_requests_total')!.get()) as {
      values: { labels: Record<string, string>; value: number }[];
    };
    expect(values).toHaveLength(MAX_OPERATION_NAMES + 1);
    expect(values.find((value) => value.labels.operation === 'other')?.value).toBe(extra);
    expect(values.find((value) => value.labels.operation === 'Op0')?.value).toBe(2);
  });

  it('labels anonymous operations and requests that never reached one apart', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest({ ...newRequestFacts('a'), operationName: null, operationType: 'query' }, 200, 0.01, true);
    metrics.observeRequest(newRequestFacts(''), 400, 0.001, true);
    const text = await metrics.registry.metrics();
    expect(text).toContain('newsgate_graphql_requests_total{operation="anonymous",type="query",status="200"} 1');
    expect(text).toContain('newsgate_graphql_requests_total{operation="none",type="none",status="400"} 1');
    // Only queries go through the response cache.
    expect(text).toContain('newsgate_response_cache_requests_total{result="miss"} 1');
  });
});
