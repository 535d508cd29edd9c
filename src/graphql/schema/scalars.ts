import { GraphQLError, GraphQLScalarType, Kind, type GraphQLScalarSerializer, type ValueNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { builder, type LoopCount } from './builder';

/**
 * Remembers the last string serialised: an event's time is serialised once per subscriber, one
 * subscriber after another, and graphql-scalars validates and parses the string each time.
 */
function rememberingLastString<T>(serialize: GraphQLScalarSerializer<T>): GraphQLScalarSerializer<T> {
  let lastInput: string | undefined;
  let lastOutput!: T;
  return (value) => {
    if (typeof value !== 'string') return serialize(value);
    if (value !== lastInput) {
      lastOutput = serialize(value);
      lastInput = value;
    }
    return lastOutput;
  };
}

const dateTimeConfig = DateTimeResolver.toConfig();
builder.addScalarType(
  'DateTime',
  new GraphQLScalarType({ ...dateTimeConfig, serialize: rememberingLastString(dateTimeConfig.serialize) }),
);

/** How many times to play: an integer 1–100, or "infinity". */

function parseLoop(value: unknown): LoopCount {
  if (value === 'infinity') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100) return value;
  throw new GraphQLError('Loop must be an integer from 1 to 100 or "infinity"', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function parseLoopLiteral(node: ValueNode): LoopCount {
  if (node.kind === Kind.INT) return parseLoop(Number(node.value));
  if (node.kind === Kind.STRING) return parseLoop(node.value);
  return parseLoop(undefined);
}

builder.scalarType('Loop', {
  description: 'How many times to play: an integer from 1 to 100, or the string "infinity".',
  serialize: (value) => value,
  parseValue: parseLoop,
  parseLiteral: parseLoopLiteral,
});
