/**
 * How deeply a GraphQL document's brackets nest, read as text before parsing. graphql-js parses
 * recursively, so `[[[[…` or `a{a{a{…` thousands deep overflows the stack before the token limit
 * is reached; refusing those documents up front makes the answer the same every time.
 * Strings, block strings and comments are skipped: brackets inside them do not nest.
 */
export function bracketNesting(source: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '#') {
      while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index += 1;
    } else if (char === '"') {
      if (source.startsWith('"""', index)) {
        const end = source.indexOf('"""', index + 3);
        index = end === -1 ? source.length : end + 2;
        // An escaped \""" inside a block string does not end it.
        while (end !== -1 && source[index - 3] === '\\' && index < source.length) {
          const next = source.indexOf('"""', index + 1);
          index = next === -1 ? source.length : next + 2;
        }
      } else {
        index += 1;
        while (index < source.length && source[index] !== '"' && source[index] !== '\n') index += source[index] === '\\' ? 2 : 1;
      }
    } else if (char === '{' || char === '[' || char === '(') {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (char === '}' || char === ']' || char === ')') {
      depth -= 1;
    }
  }
  return deepest;
}

/**
 * How deep brackets may nest in a document before it is parsed, over HTTP and WebSocket alike:
 * well past what MAX_DEPTH allows (arguments, lists and input objects nest too), well short of
 * what graphql-js's recursive parser can take.
 */
export const maxBracketNesting = (maxDepth: number): number => Math.max(64, 3 * maxDepth);
