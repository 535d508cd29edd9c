import DataLoader from 'dataloader';
import { TelnyxError } from '../../lib/errors';
import { retrieveCallStatus, retrieveRecording, type CallStatus, type Recording } from '../../telnyx/actions';
import type { TelnyxClient } from '../../telnyx/client';

/**
 * Per-request loaders: within one GraphQL request each recording and each call status is fetched
 * at most once, however many fields ask for it. Telnyx has no batch lookup by id, so a batch is
 * fetched in parallel; an unknown id loads as null.
 */
export interface Loaders {
  recording: DataLoader<string, Recording | null>;
  callStatus: DataLoader<string, CallStatus | null>;
}

/**
 * Each loader is made on first use: most operations need none (an idle subscription never does).
 * Lazy in a class of its own, so that the context stays a plain object of data properties: a getter
 * on the context itself made every context a slow, dictionary-mode object (about 1 µs to create).
 */
class LazyLoaders implements Loaders {
  #recording: Loaders['recording'] | undefined;
  #callStatus: Loaders['callStatus'] | undefined;

  constructor(private readonly telnyx: TelnyxClient) {}

  get recording(): Loaders['recording'] {
    this.#recording ??= new DataLoader((ids: readonly string[]) =>
      loadEach(ids, (id) => retrieveRecording(this.telnyx, id)),
    );
    return this.#recording;
  }

  get callStatus(): Loaders['callStatus'] {
    this.#callStatus ??= new DataLoader((ids: readonly string[]) =>
      loadEach(ids, (id) => retrieveCallStatus(this.telnyx, id)),
    );
    return this.#callStatus;
  }
}

export function createLoaders(telnyx: TelnyxClient): Loaders {
  return new LazyLoaders(telnyx);
}

async function loadEach<T>(ids: readonly string[], fetch: (id: string) => Promise<T>): Promise<(T | null | Error)[]> {
  return Promise.all(
    ids.map((id) =>
      fetch(id).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        return error instanceof Error ? error : new Error(String(error));
      }),
    ),
  );
}

/** 404, or Telnyx's 422 "Invalid Call Control ID" (90015), which it sends for unknown calls. */
function isNotFound(error: unknown): boolean {
  if (!(error instanceof TelnyxError)) return false;
  return error.status === 404 || (error.status === 422 && error.errors.some((entry) => entry.code === '90015'));
}
