/**
 * Simulated time: every media duration is given in realistic milliseconds and divided by `speed`
 * (1 = real time; tests use hundreds). All pending timers are tracked so closing stops them.
 */
export interface Timer {
  cancel(): void;
}

export class SimClock {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly speed: number) {
    if (!(speed > 0)) throw new Error('simulator speed must be a positive number');
  }

  /** Runs `task` after `simulatedMs` of simulated time. */
  after(simulatedMs: number, task: () => void): Timer {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        task();
      },
      Math.max(0, simulatedMs / this.speed),
    );
    this.timers.add(timer);
    return {
      cancel: () => {
        clearTimeout(timer);
        this.timers.delete(timer);
      },
    };
  }

  /** Simulated milliseconds that pass during `realMs` of wall-clock time. */
  simulated(realMs: number): number {
    return realMs * this.speed;
  }

  stopAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
