import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  printSchema,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** A document graphql-jit did not compile: executed by graphql-js, whose errors are the reference. */
const NOT_COMPILED = Symbol('not compiled');

/** Compiled operations, per schema and parsed document (Apollo keeps one parsed document per query text). */
const compiled = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<OperationDefinitionNode, CompiledQuery | typeof NOT_COMPILED>>>();

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new WeakMap()));
  let byOperation = bySchema.get(document);
  if (!byOperation) bySchema.set(document, (byOperation = new Map()));
  let entry = byOperation.get(operation);
  if (!entry) {
    try {
      // The operation Apollo resolved, by its own name: graphql-jit compares names strictly ("" is not "none").
      const result = compileQuery(schema, document, operation.name?.value);
      entry = isCompiledQuery(result) ? result : NOT_COMPILED;
    } catch {
      entry = NOT_COMPILED;
    }
    byOperation.set(operation, entry);
  }
  return entry;
}

/**
 * graphql-jit's errors have no `extensions` at all when the thrown error had none (a database
 * fault), where graphql-js gives `{}`; Apollo reads `extensions.code` and failed on them with a
 * TypeError in place of the real error. Such errors are remade as graphql-js would make them.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => error.extensions === undefined)) return result;
  const errors = result.errors.map((error) => {
    if (error.extensions !== undefined) return error;
    const remade = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? error });
    return Object.assign(remade, { locations: error.locations });
  });
  return { ...result, errors };
}

/**
 * Executes operations with graphql-jit instead of graphql-js: each document is compiled once into
 * a function that walks exactly its selections (no per-field lookups of the schema, no generic
 * completion of each value), which took a tenth of a page request's CPU. It plugs into Apollo
 * Server through the gateway interface, the one hook Apollo offers for its executor: "loading"
 * the gateway just hands Apollo the schema and the executor. Parsing, validation, the limits,
 * plugins and error formatting stay Apollo's, and the resolvers are the same functions. Mutations,
 * and whatever graphql-jit does not compile (an operation name that names no operation, say), run
 * through graphql-js as before.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const executor: GatewayExecutor = async (request) => {
    // Queries only: graphql-jit runs a mutation's fields on after one has failed, and writes made
    // after the failure would be hidden behind `data: null`; graphql-js stops at the failure.
    const query = request.operation?.operation === 'query' ? compiledFor(schema, request.document, request.operation) : NOT_COMPILED;
    if (query !== NOT_COMPILED) return withExtensions(await query.query(undefined, request.context, request.request.variables ?? {}));
    return execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    });
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { executor };
    },
    async stop() {
      // Nothing to release.
    },
  };
}
