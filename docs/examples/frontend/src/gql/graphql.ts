/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a playback, a speech or a transcription ended, as Telnyx documents it (each field says which values it takes). `OTHER` stands for a value Telnyx added later. */
export type CallEventStatus =
  /** Telnyx `call_hangup` */
  | 'CALL_HANGUP'
  /** Telnyx `cancelled` */
  | 'CANCELLED'
  /** Telnyx `cancelled_amd` */
  | 'CANCELLED_AMD'
  /** Telnyx `completed` */
  | 'COMPLETED'
  /** Telnyx `failed` */
  | 'FAILED'
  /** Telnyx `file_not_found` */
  | 'FILE_NOT_FOUND'
  /** A value newer than this schema: `telnyxStatus` has it as Telnyx sent it. */
  | 'OTHER'
  /** Telnyx `unknown` */
  | 'UNKNOWN';

export type WatchCallSubscriptionVariables = Exact<{
  callControlId: string | number;
  after?: string | null | undefined;
}>;


export type WatchCallSubscription = { callEvents:
    | { __typename: 'CallAnswered', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallHangup', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallInitiated', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallPlaybackEnded', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallPlaybackStarted', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallRecordingError', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallRecordingSaved', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallRecordingTranscriptionSaved', id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallSpeakEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string }
    | { __typename: 'CallSpeakStarted', id: string, cursor: string, eventType: string, occurredAt: string }
   };

export type SpeakMutationVariables = Exact<{
  callControlId: string | number;
  text: string;
}>;


export type SpeakMutation = { speak: { commandId: string, cursor: string } };

export type RenewSessionMutationVariables = Exact<{
  token: string;
}>;


export type RenewSessionMutation = { renewSession: { expiresAt: string } };


export const WatchCallDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WatchCall"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallSpeakEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<WatchCallSubscription, WatchCallSubscriptionVariables>;
export const SpeakDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Speak"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speak"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"payload"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"voice"},"value":{"kind":"StringValue","value":"Telnyx.KokoroTTS.af","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<SpeakMutation, SpeakMutationVariables>;
export const RenewSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<RenewSessionMutation, RenewSessionMutationVariables>;