import { browserScheduler, type Scheduler, type TimerHandle } from '../sync/scheduler';

/** The part of an element a flash touches. */
export type Flashable = {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
};

/**
 * A flash in steps: `data-flash="on"` at once, `"fading"` after `FADE_MS`, no attribute after
 * `END_MS` (styles.css gives each step the opacity of the row's `::before` layer).
 *
 * Why steps and not an animation: a running animation, even an opacity one on the compositor,
 * gets the row its own layer and makes every frame's commit to the compositor carry it. At 2,000
 * changes a second about seven rows flash at any time, so every frame paid for seven animations
 * (in Chrome traces, commits took four times as long with flashes as without). A step costs one
 * style update and one paint of the rows it changes, three times per flash, and nothing between.
 */
export const FADE_MS = 300;
export const END_MS = 900;
/**
 * Steps fall on this grid, so that rows flashed in nearby frames change in the same task (at
 * most ten a second, however many rows flash) rather than in one task each.
 */
export const GRID_MS = 100;

type Step = 'on' | 'fading' | null;

/**
 * The flashes of changed rows: one timer for all of them. A row that changes again while it
 * flashes starts over at `on`, which it keeps without touching the element again.
 */
export class RowFlashes {
  /** When each flashing element last changed, oldest first, and the step it shows. */
  private readonly flashing = new Map<Flashable, { started: number; step: Step }>();
  private timer: TimerHandle | null = null;
  private timerAt = Infinity;

  constructor(private readonly scheduler: Scheduler = browserScheduler) {}

  /** The number of rows flashing now. */
  get size(): number {
    return this.flashing.size;
  }

  flash(element: Flashable): void {
    const now = this.scheduler.now();
    const before = this.flashing.get(element);
    this.flashing.delete(element);
    this.flashing.set(element, { started: now, step: 'on' });
    if (before?.step !== 'on') {
      element.setAttribute('data-flash', 'on');
    }
    this.schedule(now + FADE_MS);
  }

  private tick(): void {
    this.timer = null;
    this.timerAt = Infinity;
    const now = this.scheduler.now();
    let next = Infinity;
    for (const [element, flash] of this.flashing) {
      const age = now - flash.started;
      const step: Step = age < FADE_MS ? 'on' : age < END_MS ? 'fading' : null;
      if (step !== flash.step) {
        flash.step = step;
        if (step === null) {
          element.removeAttribute('data-flash');
        } else {
          element.setAttribute('data-flash', step);
        }
      }
      if (step === null) {
        this.flashing.delete(element);
      } else {
        next = Math.min(next, flash.started + (step === 'on' ? FADE_MS : END_MS));
      }
    }
    if (next !== Infinity) {
      this.schedule(next);
    }
  }

  /** Runs `tick` at the first grid point at or after `at`, unless it already runs by then. */
  private schedule(at: number): void {
    const due = Math.ceil(at / GRID_MS) * GRID_MS;
    if (due >= this.timerAt) {
      return;
    }
    if (this.timer !== null) {
      this.scheduler.clearTimeout(this.timer);
    }
    this.timerAt = due;
    this.timer = this.scheduler.setTimeout(() => this.tick(), Math.max(0, due - this.scheduler.now()));
  }
}
