/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ConsoleLatestCursor {\n  latestEventCursor\n}\n\nsubscription ConsoleCallEvents($callControlId: ID!, $after: String) {\n  callEvents(callControlId: $callControlId, after: $after) {\n    __typename\n    id\n    cursor\n    eventType\n    occurredAt\n    clientState\n    ... on CallSpeakEnded {\n      status\n    }\n    ... on CallPlaybackEnded {\n      status\n    }\n    ... on CallRecordingError {\n      reason\n    }\n    ... on CallRecordingSaved {\n      recordingId\n      channels\n      format\n      recordingStartedAt\n      recording {\n        id\n        durationMillis\n        channels\n        audioUrl(format: MP3)\n      }\n    }\n    ... on CallRecordingTranscriptionSaved {\n      recordingId\n      transcriptionText\n    }\n  }\n}\n\nmutation ConsoleSpeak($input: SpeakInput!) {\n  speak(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartPlayback($input: StartPlaybackInput!) {\n  startPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopPlayback($input: StopPlaybackInput!) {\n  stopPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartRecording($input: StartRecordingInput!) {\n  startRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsolePauseRecording($input: PauseRecordingInput!) {\n  pauseRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleResumeRecording($input: ResumeRecordingInput!) {\n  resumeRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopRecording($input: StopRecordingInput!) {\n  stopRecording(input: $input) {\n    commandId\n  }\n}": typeof types.ConsoleLatestCursorDocument,
};
const documents: Documents = {
    "query ConsoleLatestCursor {\n  latestEventCursor\n}\n\nsubscription ConsoleCallEvents($callControlId: ID!, $after: String) {\n  callEvents(callControlId: $callControlId, after: $after) {\n    __typename\n    id\n    cursor\n    eventType\n    occurredAt\n    clientState\n    ... on CallSpeakEnded {\n      status\n    }\n    ... on CallPlaybackEnded {\n      status\n    }\n    ... on CallRecordingError {\n      reason\n    }\n    ... on CallRecordingSaved {\n      recordingId\n      channels\n      format\n      recordingStartedAt\n      recording {\n        id\n        durationMillis\n        channels\n        audioUrl(format: MP3)\n      }\n    }\n    ... on CallRecordingTranscriptionSaved {\n      recordingId\n      transcriptionText\n    }\n  }\n}\n\nmutation ConsoleSpeak($input: SpeakInput!) {\n  speak(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartPlayback($input: StartPlaybackInput!) {\n  startPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopPlayback($input: StopPlaybackInput!) {\n  stopPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartRecording($input: StartRecordingInput!) {\n  startRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsolePauseRecording($input: PauseRecordingInput!) {\n  pauseRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleResumeRecording($input: ResumeRecordingInput!) {\n  resumeRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopRecording($input: StopRecordingInput!) {\n  stopRecording(input: $input) {\n    commandId\n  }\n}": types.ConsoleLatestCursorDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsoleLatestCursor {\n  latestEventCursor\n}\n\nsubscription ConsoleCallEvents($callControlId: ID!, $after: String) {\n  callEvents(callControlId: $callControlId, after: $after) {\n    __typename\n    id\n    cursor\n    eventType\n    occurredAt\n    clientState\n    ... on CallSpeakEnded {\n      status\n    }\n    ... on CallPlaybackEnded {\n      status\n    }\n    ... on CallRecordingError {\n      reason\n    }\n    ... on CallRecordingSaved {\n      recordingId\n      channels\n      format\n      recordingStartedAt\n      recording {\n        id\n        durationMillis\n        channels\n        audioUrl(format: MP3)\n      }\n    }\n    ... on CallRecordingTranscriptionSaved {\n      recordingId\n      transcriptionText\n    }\n  }\n}\n\nmutation ConsoleSpeak($input: SpeakInput!) {\n  speak(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartPlayback($input: StartPlaybackInput!) {\n  startPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopPlayback($input: StopPlaybackInput!) {\n  stopPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartRecording($input: StartRecordingInput!) {\n  startRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsolePauseRecording($input: PauseRecordingInput!) {\n  pauseRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleResumeRecording($input: ResumeRecordingInput!) {\n  resumeRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopRecording($input: StopRecordingInput!) {\n  stopRecording(input: $input) {\n    commandId\n  }\n}"): (typeof documents)["query ConsoleLatestCursor {\n  latestEventCursor\n}\n\nsubscription ConsoleCallEvents($callControlId: ID!, $after: String) {\n  callEvents(callControlId: $callControlId, after: $after) {\n    __typename\n    id\n    cursor\n    eventType\n    occurredAt\n    clientState\n    ... on CallSpeakEnded {\n      status\n    }\n    ... on CallPlaybackEnded {\n      status\n    }\n    ... on CallRecordingError {\n      reason\n    }\n    ... on CallRecordingSaved {\n      recordingId\n      channels\n      format\n      recordingStartedAt\n      recording {\n        id\n        durationMillis\n        channels\n        audioUrl(format: MP3)\n      }\n    }\n    ... on CallRecordingTranscriptionSaved {\n      recordingId\n      transcriptionText\n    }\n  }\n}\n\nmutation ConsoleSpeak($input: SpeakInput!) {\n  speak(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartPlayback($input: StartPlaybackInput!) {\n  startPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopPlayback($input: StopPlaybackInput!) {\n  stopPlayback(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStartRecording($input: StartRecordingInput!) {\n  startRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsolePauseRecording($input: PauseRecordingInput!) {\n  pauseRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleResumeRecording($input: ResumeRecordingInput!) {\n  resumeRecording(input: $input) {\n    commandId\n  }\n}\n\nmutation ConsoleStopRecording($input: StopRecordingInput!) {\n  stopRecording(input: $input) {\n    commandId\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;