import { ApiError, authorization } from './api';

/**
 * The simulator's own controls, served by the gateway in simulator mode: start another demo call,
 * or hang one up as its far end would. JSON bodies, as the gateway's CSRF rule asks.
 */
async function post(path: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization() },
      body: '{}',
    });
  } catch {
    throw new ApiError('The gateway did not answer', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: unknown;
    errors?: Array<{ title?: string; detail?: string; message?: string; extensions?: { code?: string } }>;
  };
  if (response.ok) return body.data;
  const error = body.errors?.[0];
  const message = error?.message ?? [error?.title, error?.detail && `(${error.detail})`].filter(Boolean).join(' ');
  throw new ApiError(
    message || `HTTP ${response.status}`,
    error?.extensions?.code ?? `SIMULATOR_HTTP_${response.status}`,
  );
}

/** A new answered demo call; its id. */
export async function newDemoCall(): Promise<string> {
  const data = (await post('/simulator/calls')) as { callControlId: string };
  return data.callControlId;
}

/** The far end hangs up: `call.hangup` follows, and media playing on the call ends with `call_hangup`. */
export async function hangUp(callControlId: string): Promise<void> {
  await post(`/simulator/calls/${encodeURIComponent(callControlId)}/hangup`);
}
