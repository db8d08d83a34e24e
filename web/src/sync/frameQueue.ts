import type { Scheduler, TimerHandle } from './scheduler';

/** `frame`: one batch per animation frame; `message`: one per message, the measured baseline. */
export type Batching = 'frame' | 'message';

/**
 * Collects what arrives between two animation frames and hands it over in one batch, so the IDE
 * applies and renders once per frame however many messages came (2,000 a second is 33 a frame).
 *
 * A hidden tab gets no animation frames at all, so a timer flushes too: without it, messages
 * would pile up unapplied for as long as the tab stays in the background.
 */
export class FrameQueue<T> {
  private items: T[] = [];
  private frame: TimerHandle | null = null;
  private fallback: TimerHandle | null = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly batching: Batching,
    private readonly apply: (items: readonly T[]) => void,
    private readonly fallbackMs = 1000,
  ) {}

  push(item: T): void {
    if (this.batching === 'message') {
      this.apply([item]);
      return;
    }
    this.items.push(item);
    this.schedule();
  }

  /** Asks for a batch (possibly empty) on the next frame: something other than a message changed. */
  touch(): void {
    if (this.batching === 'message') {
      this.apply([]);
    } else {
      this.schedule();
    }
  }

  /** Applies what is queued now, without waiting for the frame. */
  drain(): void {
    if (this.items.length > 0) {
      this.run();
    }
  }

  cancel(): void {
    this.unschedule();
    this.items = [];
  }

  private schedule(): void {
    if (this.frame === null) {
      this.frame = this.scheduler.requestFrame(() => this.run());
      this.fallback = this.scheduler.setTimeout(() => this.run(), this.fallbackMs);
    }
  }

  private run(): void {
    this.unschedule();
    const items = this.items;
    this.items = [];
    this.apply(items);
  }

  private unschedule(): void {
    if (this.frame !== null) {
      this.scheduler.cancelFrame(this.frame);
      this.frame = null;
    }
    if (this.fallback !== null) {
      this.scheduler.clearTimeout(this.fallback);
      this.fallback = null;
    }
  }
}
