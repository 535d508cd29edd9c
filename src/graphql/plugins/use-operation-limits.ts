import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Limits every GraphQL operation meets, over HTTP and websockets alike. The depth and cost limits
 * count introspection too; the numbers are just above what `getIntrospectionQuery()` needs (depth
 * 15, cost about 15,600 with fragments flattened, 184 tokens), so GraphiQL keeps working while a
 * hand-made deep or wide query is refused before it runs.
 */
export const operationLimits = {
  maxTokens: 1_000,
  maxDepth: 16,
  maxCost: 20_000,
  maxAliases: 15,
  maxDirectives: 20,
} as const;

/** The limits GraphQL Armor enforces, as clients see them in `extensions.limit`. */
export type OperationLimitName = 'tokens' | 'depth' | 'cost' | 'aliases' | 'directives';

/**
 * The error a client gets for an operation over a limit: `GRAPHQL_VALIDATION_FAILED` (what every
 * other refused document gets, so clients handle one code) with `extensions.limit` naming the limit,
 * and HTTP 400 under `application/graphql-response+json` (200 under legacy `application/json`, as the
 * GraphQL-over-HTTP spec asks for validation errors). Armor's messages start with "Syntax Error: ",
 * which they are not.
 */
export function operationLimitError(limit: OperationLimitName, armorMessage: string): GraphQLError {
  return createGraphQLError(armorMessage.replace(/^Syntax Error: /, ''), {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400, spec: true } },
  });
}

/**
 * GraphQL Armor (tokens, depth, cost, aliases, directives) and, when switched off, introspection.
 * Armor throws its rejections (stopping the parse or validation at once, which keeps a huge
 * document cheap); `armorRejectionsAsErrors` turns each into `operationLimitError`.
 */
export function useOperationLimits(options: { introspection: boolean }): Plugin[] {
  const rejections = new WeakMap<object, OperationLimitName>();
  const remember = (limit: OperationLimitName) => ({
    onReject: [(_context: unknown, error: GraphQLError) => void rejections.set(error, limit)],
  });
  return [
    // Before the Armor wrapper, which must wrap whatever validation function runs.
    ...(options.introspection ? [] : [hideSuggestions(), disableIntrospection()]),
    armorRejectionsAsErrors(rejections),
    EnvelopArmorPlugin({
      maxTokens: { n: operationLimits.maxTokens, ...remember('tokens') },
      maxDepth: {
        n: operationLimits.maxDepth,
        ignoreIntrospection: false,
        flattenFragments: true,
        ...remember('depth'),
      },
      costLimit: {
        maxCost: operationLimits.maxCost,
        ignoreIntrospection: false,
        flattenFragments: true,
        ...remember('cost'),
      },
      // Armor leaves `__typename` aliases uncounted by default: thousands of them cost the server without reaching a resolver.
      maxAliases: { n: operationLimits.maxAliases, allowList: [], ...remember('aliases') },
      maxDirectives: { n: operationLimits.maxDirectives, ...remember('directives') },
      // hideSuggestions below replaces Armor's mask, which misses enum-value and argument suggestions.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin,
  ];
}

/** A thrown Armor rejection becomes the operation's one error: a parse result, or a validation result. */
function armorRejectionsAsErrors(rejections: WeakMap<object, OperationLimitName>): Plugin {
  const asLimitError = (error: unknown) => {
    const limit = error instanceof GraphQLError ? rejections.get(error) : undefined;
    return limit && operationLimitError(limit, (error as GraphQLError).message);
  };
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        const limitError = asLimitError(result);
        if (limitError) replaceParseResult(limitError);
      };
    },
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args: Parameters<typeof validateFn>) => {
        try {
          return validateFn(...args);
        } catch (error) {
          const limitError = asLimitError(error);
          if (limitError) return [limitError];
          throw error;
        }
      });
    },
  };
}

/** graphql-js's own rule: any `__schema` or `__type` field fails validation (`__typename` stays allowed). */
function disableIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * With introspection off, no "Did you mean …" in any validation message (fields, arguments, types,
 * enum values): each would hand out names introspection no longer shows. graphql-js drops them
 * itself with `hideSuggestions`; variable errors are rebuilt without them in src/graphql/masking.ts.
 */
function hideSuggestions(): Plugin {
  return {
    onValidate({ setValidationFn }) {
      setValidationFn((schema, document, rules) => validate(schema, document, rules, { hideSuggestions: true }));
    },
  };
}
