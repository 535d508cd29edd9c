import type { GraphiqlPageOptions } from './page';

/**
 * What GraphiQL opens with. In simulator mode the first tab holds the subscription on the demo call,
 * with where to make the call speak meanwhile; the second tab speaks from GraphiQL itself. With client
 * auth on, the header editor shows where the user's token goes: the page never carries one.
 */
export function graphiqlOptions(
  demoCallControlId: string | undefined,
  authRequired: boolean,
  origin: string,
): GraphiqlPageOptions {
  const options: GraphiqlPageOptions = {
    title: 'voice-media-gateway',
    defaultEditorToolsVisibility: authRequired ? 'headers' : 'variables',
    // The tabs of one demo call are kept across reloads; a new demo call starts on fresh ones.
    storageNamespace: demoCallControlId ?? 'gateway',
  };
  if (authRequired) options.defaultHeaders = JSON.stringify({ Authorization: 'Bearer <token>' });
  if (!demoCallControlId) return options;
  const variables = JSON.stringify({ callControlId: demoCallControlId }, null, 2);
  options.variables = variables;
  options.defaultTabs = [
    {
      query: watchDemoCallTab(origin),
      variables,
      headers: options.defaultHeaders ?? null,
    },
    { query: speakOnDemoCall, variables, headers: options.defaultHeaders ?? null },
  ];
  return options;
}

// Every line of the tabs fits the editor of a 1280-pixel-wide window (50 columns).
export const watchDemoCall = `subscription WatchDemoCall(
  $callControlId: ID!
  $after: String
) {
  callEvents(
    callControlId: $callControlId
    after: $after
  ) {
    __typename
    eventType
    occurredAt
    cursor
    clientState
    ... on CallSpeakEnded { status }
    ... on CallPlaybackEnded { status mediaUrl }
    ... on CallRecordingSaved {
      recordingUrls { wav mp3 }
    }
  }
}
`;

/** The first tab: how to see a speak's events while the subscription runs. */
function watchDemoCallTab(origin: string): string {
  return `# Run this subscription (the ▶ button): it
# streams the demo call's media events. While it
# runs, make the call speak: with Speak in the
# call console, in another browser tab:
#   ${origin}/
# or from a terminal, with the curl command the
# gateway printed when it started.
# CallSpeakStarted, then CallSpeakEnded, appear
# on the right.
#
# Switching tabs stops a running subscription
# (GraphiQL runs one operation at a time). Set
# "after" to a cursor (a speak's answer has one)
# to replay the events after it.
${watchDemoCall}`;
}

export const speakOnDemoCall = `# Speak on the demo call. Its answer's cursor,
# as "after" in the first tab, replays the
# events it caused.
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
