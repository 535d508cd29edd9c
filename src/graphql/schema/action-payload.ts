import { randomUUID } from 'node:crypto';
import type { InputObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { canAccessCall } from '../../auth/principal';
import type { GraphQLContext } from '../context';
import { ForbiddenError } from '../../lib/errors';
import type { CallStatus, CommandResponse } from '../../telnyx/actions';
import type { TelnyxClient } from '../../telnyx/client';
import { builder, type BuilderTypes } from './builder';

/** What every one of the seven actions answers. */
export interface CallActionResult {
  callControlId: string;
  commandId: string;
  result: string;
  cursor: string;
}

const CallActionPayload = builder.objectRef<CallActionResult>('CallActionPayload').implement({
  description: 'Telnyx accepted the command. The events it causes arrive on `callEvents`.',
  fields: (t) => ({
    callControlId: t.exposeID('callControlId', { nullable: false, description: 'The call the command was sent to.' }),
    commandId: t.exposeString('commandId', {
      nullable: false,
      description:
        'The command_id sent to Telnyx: the one given, or a UUID the gateway generated. Reuse it to retry safely.',
    }),
    result: t.exposeString('result', { nullable: false, description: 'Telnyx\'s `result`, normally "ok".' }),
    cursor: t.exposeString('cursor', {
      nullable: false,
      description:
        'The event-log position just before the command was sent: subscribe with `callEvents(after: cursor)` ' +
        'to receive every event the command causes.',
    }),
  }),
});

/** Telnyx ids are printable ASCII (`v3:` then URL-safe characters); anything else is a typo or an attack. */
export const callControlIdSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,256}$/, 'must be 1–256 printable characters without spaces')
  .refine((value) => value !== '.' && value !== '..', 'is not a call control id');

/** Telnyx's recording, call leg and call session ids are UUIDs. */
export const uuidSchema = z.guid('must be a UUID');

/** No limit is published; client state rides on every later webhook, so keep it small. */
export const CLIENT_STATE_MAX_LENGTH = 2048;
export const COMMAND_ID_MAX_LENGTH = 256;

/** Same rule as call control ids: a command id travels in the request to Telnyx, where NUL, CR or LF could inject. */
export const commandIdSchema = z
  .string()
  .regex(
    new RegExp(`^[\\x21-\\x7e]{1,${COMMAND_ID_MAX_LENGTH}}$`),
    `must be 1–${COMMAND_ID_MAX_LENGTH} printable ASCII characters without spaces`,
  );

/**
 * A lone surrogate has no UTF-8 form: encoding it for Telnyx would deliver U+FFFD instead, so the
 * webhooks would carry different text than the client sent. Refused rather than changed.
 */
export const clientStateSchema = z
  .string()
  .min(1)
  .max(CLIENT_STATE_MAX_LENGTH)
  .refine((value) => !/\p{Surrogate}/u.test(value), 'must be valid Unicode text (it holds a lone surrogate)');

/** The fields every action input shares: which call, the idempotency key, and the state to echo. */
export function callActionInputFields(t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) {
  return {
    callControlId: t.id({ required: true, description: 'The call to act on.', validate: callControlIdSchema }),
    commandId: t.string({
      description: 'Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent.',
      validate: commandIdSchema,
    }),
    clientState: t.string({
      description: 'Text attached to every later webhook of the call (sent to Telnyx base64-encoded).',
      validate: clientStateSchema,
    }),
  };
}

export interface CallActionInput {
  callControlId: string | number;
  commandId?: string | null;
  clientState?: string | null;
}

interface CommonActionParams {
  command_id: string;
  client_state?: string;
}

/**
 * Runs one action: reads the event cursor first (so a client subscribing after it misses none of
 * the events the command causes), then sends the command with its command_id and client state.
 */
async function performCallAction(
  context: GraphQLContext,
  input: CallActionInput,
  send: (telnyx: TelnyxClient, callControlId: string, common: CommonActionParams) => Promise<CommandResponse>,
): Promise<CallActionResult> {
  const callControlId = String(input.callControlId);
  const commandId = input.commandId ?? randomUUID();
  const cursor = await context.events.latestCursor();
  const common: CommonActionParams = { command_id: commandId };
  if (input.clientState != null) common.client_state = Buffer.from(input.clientState, 'utf8').toString('base64');
  const response = await send(context.telnyx, callControlId, common);
  return { callControlId, commandId, result: response.data?.result ?? 'ok', cursor };
}

/**
 * Mutations may act only on calls the token covers, with the media:write scope. Checked here rather
 * than through scope-auth's `authScopes`: the same error, without its per-request cache and scope
 * evaluation on the busiest path (a few percent of a mutation's CPU). Input validation has run by
 * then, as it runs before scope-auth.
 */
function assertMayAct(context: GraphQLContext, callControlId: string, info: GraphQLResolveInfo): void {
  const { principal } = context;
  if (principal.scopes.has('media:write') && canAccessCall(principal, callControlId)) return;
  throw new ForbiddenError(`Not authorized to resolve ${info.parentType.name}.${info.fieldName}`);
}

/** Pothos cannot work out the argument map of a generic input type; `input` is required, so it is one. */
function inputOf<Input>(args: object): Input {
  return (args as { input: Input }).input;
}

export interface CallActionMutation<Input extends CallActionInput, Params extends object> {
  description: string;
  input: InputObjectRef<BuilderTypes, Input>;
  /** The Telnyx action (src/telnyx/actions.ts). */
  action: (telnyx: TelnyxClient, callControlId: string, params: Params) => Promise<CommandResponse>;
  /** The action's own parameters from the input; command_id and client_state are added to them. */
  params: (input: Input) => Params;
  /** Runs once Telnyx accepted the command. */
  accepted?: (context: GraphQLContext, result: CallActionResult) => void;
}

/** A mutation that sends one Telnyx call action: `input: <Input>!` in, CallActionPayload out, media:write on that call. */
export function callActionMutation<Input extends CallActionInput, Params extends object>(
  name: string,
  mutation: CallActionMutation<Input, Params>,
): void {
  builder.mutationField(name, (t) =>
    t.field({
      type: CallActionPayload,
      nullable: false,
      description: mutation.description,
      args: {
        input: t.arg({
          type: mutation.input,
          required: true,
          description: "The call, the action's parameters, and the optional commandId and clientState.",
        }),
      },
      resolve: async (_root, args, context, info) => {
        const input = inputOf<Input>(args);
        assertMayAct(context, String(input.callControlId), info);
        // Not `{ ...common, ...params }`: a second spread takes V8's slow path on Node 20.
        const result = await performCallAction(context, input, (telnyx, callControlId, common) =>
          mutation.action(telnyx, callControlId, Object.assign(mutation.params(input), common)),
        );
        mutation.accepted?.(context, result);
        return result;
      },
    }),
  );
}

/** Teaches the event bus which call a leg belongs to (`call.recording.saved` names only the leg). */
export async function rememberCallLeg(context: GraphQLContext, status: CallStatus): Promise<void> {
  try {
    await context.events.rememberCallLeg(status.call_leg_id, status.call_control_id);
  } catch (error) {
    context.logger.warn({ err: error, callControlId: status.call_control_id }, 'could not record the call leg');
  }
}

/** Learns a call's leg from its status in the background, without delaying the mutation. */
export function learnCallLegLater(context: GraphQLContext, callControlId: string): void {
  context.loaders.callStatus.load(callControlId).then(
    (status) => (status ? rememberCallLeg(context, status) : undefined),
    (error: unknown) =>
      context.logger.warn({ err: error, callControlId }, 'could not fetch the call status to learn its leg'),
  );
}
