import { type CallEvent, execute, followCallEvents, overSse, overWebSocket, websocketClient } from './gateway';
import { SpeakDocument } from './gql/graphql';

// This page's call and token: your app knows both (here, ?call=<id> and a token in sessionStorage).
const callControlId = new URLSearchParams(location.search).get('call') ?? '';
const getToken = () => sessionStorage.getItem('gateway-token');

function show(listId: string, event: CallEvent): void {
  const item = document.createElement('li');
  // Typed: __typename narrows the event, so `status` exists only on CallSpeakEnded.
  const detail = event.__typename === 'CallSpeakEnded' ? ` (${event.status})` : '';
  item.textContent = `${event.__typename}${detail}`;
  item.dataset.cursor = event.cursor;
  document.getElementById(listId)?.append(item);
}

void followCallEvents(overWebSocket(websocketClient(getToken)), callControlId, (event) => show('websocket', event));
void followCallEvents(overSse(getToken), callControlId, (event) => show('sse', event));

document.getElementById('speak')?.addEventListener('click', async () => {
  const { speak } = await execute(SpeakDocument, { callControlId, text: 'Hello from the frontend' }, getToken);
  console.info('speak sent', speak.commandId);
});
