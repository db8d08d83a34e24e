import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../sync/testing';
import { END_MS, FADE_MS, GRID_MS, RowFlashes, type Flashable } from './flash';

/** An element that records what it was told, and how many times. */
class Element implements Flashable {
  flash: string | null = null;
  writes = 0;
  setAttribute(name: string, value: string): void {
    expect(name).toBe('data-flash');
    this.flash = value;
    this.writes++;
  }
  removeAttribute(name: string): void {
    expect(name).toBe('data-flash');
    this.flash = null;
    this.writes++;
  }
}

describe('row flashes', () => {
  it('show at once, fade, and end, in three writes', () => {
    const scheduler = new ManualScheduler();
    const flashes = new RowFlashes(scheduler);
    const row = new Element();
    flashes.flash(row);
    expect(row.flash).toBe('on');
    scheduler.advance(FADE_MS - 1);
    expect(row.flash).toBe('on');
    scheduler.advance(FADE_MS + 100);
    expect(row.flash).toBe('fading');
    scheduler.advance(END_MS);
    expect(row.flash).toBeNull();
    expect(row.writes).toBe(3);
    expect(flashes.size).toBe(0);
  });

  it('start over when the row changes again, without writing while it stays on', () => {
    const scheduler = new ManualScheduler();
    const flashes = new RowFlashes(scheduler);
    const row = new Element();
    flashes.flash(row);
    scheduler.advance(FADE_MS - 50);
    flashes.flash(row);
    expect(row.writes).toBe(1);
    scheduler.advance(FADE_MS - 10);
    expect(row.flash).toBe('on');
    scheduler.advance(END_MS);
    flashes.flash(row);
    expect(row.flash).toBe('on');
  });

  it('change the steps of rows flashed in nearby frames in one timer task', () => {
    /** Counts the timer tasks that run. */
    class CountingScheduler extends ManualScheduler {
      tasks = 0;
      override setTimeout(callback: () => void, ms: number): unknown {
        return super.setTimeout(() => {
          this.tasks++;
          callback();
        }, ms);
      }
    }
    const scheduler = new CountingScheduler();
    const flashes = new RowFlashes(scheduler);
    const rows = [new Element(), new Element(), new Element()];
    // Three frames 16 ms apart, all within one 100 ms step of the grid.
    expect(scheduler.now() % GRID_MS).toBe(0);
    for (const row of rows) {
      scheduler.advance(16);
      flashes.flash(row);
    }
    scheduler.advance(FADE_MS + GRID_MS);
    expect(rows.map((r) => r.flash)).toEqual(['fading', 'fading', 'fading']);
    scheduler.advance(END_MS);
    expect(rows.map((r) => r.flash)).toEqual([null, null, null]);
    expect(scheduler.tasks).toBe(2);
    expect(flashes.size).toBe(0);
  });
});
