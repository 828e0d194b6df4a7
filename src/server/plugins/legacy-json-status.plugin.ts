import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, REQUEST_LIMIT_CODES } from '../../shared/errors';

export const APPLICATION_JSON = 'application/json';
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** Codes of requests that are not well-formed GraphQL-over-HTTP requests: those keep their 4xx. */
const MALFORMED_REQUEST_CODES = new Set<string>([ErrorCode.BAD_REQUEST]);

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * The media ranges of an Accept header, lower-cased, with their q-values (default 1). A range
 * that does not parse is dropped; a q-value that is not a number from 0 to 1 makes its range
 * unacceptable (q=0), so a garbled header never counts as an explicit preference.
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [];
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [mediaType, ...params] = part.split(';');
    const match = /^\s*([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)\s*$/i.exec(mediaType);
    if (!match) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((piece) => piece.trim());
      if (name.toLowerCase() !== 'q') continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
      break;
    }
    ranges.push({ type: match[1].toLowerCase(), subtype: match[2].toLowerCase(), q });
  }
  return ranges;
}

/**
 * The q-value the ranges give a media type, from the most specific range that matches it
 * (type/subtype before type/* before *\/*); 0 when none does.
 */
export function qualityOf(ranges: MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    // Among equally specific ranges (a repeated type) the highest q-value counts.
    if (specificity > best.specificity || (specificity === best.specificity && specificity >= 0 && range.q > best.q)) {
      best = { specificity, q: range.q };
    }
  }
  return best.q;
}

/**
 * True only when the Accept header names application/json itself (not through a wildcard), with
 * a q-value above the one it gives application/graphql-response+json. A missing header, `*\/*`,
 * `application/*`, a tie, or a header preferring graphql-response+json all answer false.
 */
export function prefersLegacyJson(accept: string | undefined): boolean {
  const ranges = parseAccept(accept);
  const explicitJson = ranges.some((range) => range.type === 'application' && range.subtype === 'json' && range.q > 0);
  if (!explicitJson) return false;
  return qualityOf(ranges, APPLICATION_JSON) > qualityOf(ranges, GRAPHQL_RESPONSE_JSON);
}

/**
 * GraphQL over HTTP (the `application/json` legacy media type): a server answering a well-formed
 * request with `application/json` SHOULD use 200 even when the request fails before execution
 * (a parse error, a validation error, variables that do not coerce, an unknown operation name),
 * because older clients read any non-2xx as a transport failure. With
 * `application/graphql-response+json` those failures are a 400, which Apollo sends by default.
 *
 * This plugin turns Apollo's 400 into a 200 for such request errors (a response with errors and
 * no `data`), and only when the client's Accept header explicitly prefers `application/json` over
 * `application/graphql-response+json` (see prefersLegacyJson). Everything else keeps its status:
 *
 * - Clients sending no Accept header, `*\/*`, `application/*`, or preferring (or tying with)
 *   graphql-response+json still get 400 for every request error.
 * - Rejections of over-limit queries (depth, cost, aliases, root fields, directives, tokens) are
 *   a 400 for every client, whatever it accepts: the server refused the request.
 * - Malformed HTTP requests (BAD_REQUEST: no query, variables that are not an object, ...) stay
 *   4xx for everyone, as the spec asks; most of them never reach the plugins anyway.
 * - Other statuses (401/403, 405 for GET mutations, 413, 429, 5xx, timeouts) and responses with
 *   `data` (field errors) are never changed.
 */
export function legacyJsonStatusPlugin<TContext extends object = object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data !== undefined || !result.errors?.length) return;
          const codes = result.errors.map((error) => String(error.extensions?.code));
          if (codes.some((code) => MALFORMED_REQUEST_CODES.has(code) || REQUEST_LIMIT_CODES.has(code))) return;
          if (!prefersLegacyJson(request.http?.headers.get('accept'))) return;
          response.http.status = 200;
        },
      };
    },
  };
}
