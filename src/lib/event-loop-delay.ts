import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** How often the delay is read; a webhook burst shows within one window. */
const WINDOW_MS = 100;

/**
 * The event loop's delay over the last window: the longest a 10 ms timer waited past its time,
 * from `perf_hooks.monitorEventLoopDelay`. Requests that Node has accepted but not yet handed to a
 * handler wait about that long, and no in-flight count sees them.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly timer: NodeJS.Timeout;
  private latestMs = 0;

  constructor(private readonly onWindow: (delayMs: number) => void = () => {}) {
    this.histogram.enable();
    this.timer = setInterval(() => this.read(), WINDOW_MS);
    this.timer.unref();
  }

  /** The longest delay of the last full window, in milliseconds. */
  get delayMs(): number {
    return this.latestMs;
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private read(): void {
    // The histogram counts the timer's resolution in each sample; only the time past it is delay.
    this.latestMs = this.histogram.count > 0 ? Math.max(0, this.histogram.max / 1e6 - 10) : 0;
    this.histogram.reset();
    this.onWindow(this.latestMs);
  }
}
