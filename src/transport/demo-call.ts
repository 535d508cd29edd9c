/**
 * The shell command that makes the demo call speak, as start-up prints it: a terminal pastes it as
 * is (GraphiQL's editor could only show it as `#` comments, which a shell ignores). Each line fits
 * 78 columns (80 once indented) for Telnyx-length ids: the input travels as variables, so the JSON
 * breaks between its fields.
 */
export function demoSpeakCommand(origin: string, callControlId: string, authRequired: boolean): string {
  const query = 'mutation($input: SpeakInput!) { speak(input: $input) { result cursor } }';
  return [
    `curl -s ${origin}/graphql \\`,
    ...(authRequired ? ["  -H 'authorization: Bearer <token>' \\"] : []),
    `  -H 'content-type: application/json' -d '{`,
    '  "query":',
    `  "${query}",`,
    '  "variables": {"input": {',
    `  "callControlId": "${callControlId}",`,
    `  "payload": "Hello from a terminal", "voice": "Telnyx.KokoroTTS.af"}}}'`,
  ].join('\n');
}
