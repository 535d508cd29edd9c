import type { AppendArguments, AppendResult, EventLogScripts, ReplicaAck } from './redis-scripts';

interface Waiting {
  args: AppendArguments;
  resolve(result: { appended: AppendResult; acked: number }): void;
  reject(error: unknown): void;
}

/** At most this many appends share one pipeline (and one WAIT). */
const maxBatch = 256;

/**
 * Appends that must reach replicas, gathered per event-loop turn into one pipeline ending in one
 * `WAIT`: the replicas' round trip and Redis's WAIT bookkeeping are paid per batch, not per webhook,
 * and batches grow by themselves under load (appends arriving while a WAIT blocks join the next).
 * A failed pipeline fails its whole batch: each webhook gets 503 and its retry finds what did land.
 */
export class ReplicatedAppends {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly scripts: EventLogScripts,
    private readonly ack: ReplicaAck,
  ) {}

  append(args: AppendArguments): Promise<{ appended: AppendResult; acked: number }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ args, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0, maxBatch);
    if (this.waiting.length > 0) this.schedule();
    this.scripts
      .appendAllAndWait(
        batch.map((waiting) => waiting.args),
        this.ack,
      )
      .then(
        ({ appended, acked }) => {
          for (const [i, waiting] of batch.entries()) waiting.resolve({ appended: appended[i] ?? null, acked });
        },
        (error: unknown) => {
          for (const waiting of batch) waiting.reject(error);
        },
      );
  }
}
