import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * What GraphiQL opens with. In simulator mode the tabs hold operations that work as they are
 * against the demo call: watch its events in one tab, speak on it in the other.
 */
export function graphiqlOptions(demoCallControlId: string | undefined, authRequired: boolean): GraphiQLOptions {
  const options: GraphiQLOptions = {
    title: 'voice-media-gateway',
    subscriptionsProtocol: 'SSE',
    defaultEditorToolsVisibility: authRequired ? 'headers' : 'variables',
  };
  if (authRequired) options.defaultHeaders = JSON.stringify({ Authorization: 'Bearer <your JWT>' });
  if (!demoCallControlId) return options;
  const variables = JSON.stringify({ callControlId: demoCallControlId }, null, 2);
  options.defaultTabs = [
    { query: watchDemoCall, variables },
    { query: speakOnDemoCall, variables },
  ];
  return options;
}

export const watchDemoCall = `# 1. Run this subscription: it streams every media event of the demo call.
#    Then open the next tab and speak.
subscription WatchDemoCall($callControlId: ID!) {
  callEvents(callControlId: $callControlId) {
    __typename
    eventType
    occurredAt
    cursor
    clientState
    ... on CallSpeakEnded { status }
    ... on CallPlaybackEnded { status mediaUrl }
    ... on CallRecordingSaved { recordingUrls { wav mp3 } }
  }
}
`;

export const speakOnDemoCall = `# 2. Speak on the demo call: CallSpeakStarted, then CallSpeakEnded, arrive in the first tab.
mutation SpeakOnDemoCall($callControlId: ID!) {
  speak(input: {
    callControlId: $callControlId
    payload: "Hello from the voice media gateway."
    voice: "Telnyx.KokoroTTS.af"
    clientState: "demo"
  }) {
    commandId
    result
    cursor
  }
}
`;
