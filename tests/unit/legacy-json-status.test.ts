import { parseAccept, prefersLegacyJson, qualityOf } from '../../src/server/plugins/legacy-json-status.plugin';

describe('the Accept preference for the legacy application/json status', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json, application/graphql-response+json;q=0.9',
    'application/graphql-response+json;q=0.5, application/json',
    'application/json;q=0.9, */*;q=0.1',
    'application/json, application/*;q=0.2',
    'text/html, application/json',
    ' application/json ; q=1.0 ',
    'application/json;q=0.001',
    'application/json, application/graphql-response+json;q=0',
  ])('prefers application/json for %p', (accept) => {
    expect(prefersLegacyJson(accept)).toBe(true);
  });

  it.each<[string | undefined, string]>([
    [undefined, 'no header'],
    ['', 'an empty header'],
    ['*/*', 'any type'],
    ['application/*', 'a type wildcard'],
    ['application/graphql-response+json', 'the new type only'],
    ['application/graphql-response+json, application/json', 'a tie'],
    ['application/json, application/graphql-response+json', 'a tie, the other way round'],
    ['application/json;q=0.9, application/graphql-response+json', 'the new type preferred'],
    ['application/json;q=0.5, */*', 'a wildcard preferred'],
    ['application/json;q=0.5, application/*', 'a type wildcard preferred'],
    ['application/json;q=0', 'application/json refused'],
    ['application/json;q=abc', 'a garbled q-value'],
    ['application/json;q=2', 'a q-value above 1'],
    ['application/jsonx', 'another type'],
    ['text/json', 'another type with the subtype json'],
    ['application/json/extra, garbage', 'a header that does not parse'],
  ])('does not prefer application/json for %p (%s)', (accept, _reason) => {
    expect(prefersLegacyJson(accept)).toBe(false);
  });

  it('reads q-values from the most specific matching range', () => {
    const ranges = parseAccept('*/*;q=0.1, application/*;q=0.4, application/json;q=0.7');
    expect(qualityOf(ranges, 'application/json')).toBe(0.7);
    expect(qualityOf(ranges, 'application/graphql-response+json')).toBe(0.4);
    expect(qualityOf(ranges, 'text/plain')).toBe(0.1);
    expect(qualityOf(parseAccept('text/html'), 'application/json')).toBe(0);
  });

  it('ignores media-type parameters other than q', () => {
    expect(parseAccept('application/json; charset=utf-8; q=0.3; foo=bar')).toEqual([{ type: 'application', subtype: 'json', q: 0.3 }]);
  });
});
