import { describe, expect, it } from 'vitest';
import { FrameQueue } from './frameQueue';
import { ManualScheduler } from './testing';

describe('the frame queue', () => {
  it('hands over everything of a frame in arrival order, once', () => {
    const scheduler = new ManualScheduler();
    const batches: number[][] = [];
    const queue = new FrameQueue<number>(scheduler, 'frame', (items) => batches.push([...items]));
    queue.push(1);
    queue.push(2);
    queue.push(3);
    scheduler.frame();
    scheduler.advance(5000);

    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('drains on demand and cancels the pending frame', () => {
    const scheduler = new ManualScheduler();
    const batches: number[][] = [];
    const queue = new FrameQueue<number>(scheduler, 'frame', (items) => batches.push([...items]));
    queue.push(1);
    queue.drain();

    expect(batches).toEqual([[1]]);
    expect(scheduler.pendingFrames).toBe(0);
  });

  it('asks for an empty batch when touched, to publish a change that is not a message', () => {
    const scheduler = new ManualScheduler();
    const batches: number[][] = [];
    const queue = new FrameQueue<number>(scheduler, 'frame', (items) => batches.push([...items]));
    queue.touch();
    scheduler.frame();

    expect(batches).toEqual([[]]);
  });

  it('forgets what is queued when cancelled', () => {
    const scheduler = new ManualScheduler();
    const batches: number[][] = [];
    const queue = new FrameQueue<number>(scheduler, 'frame', (items) => batches.push([...items]));
    queue.push(1);
    queue.cancel();
    scheduler.frame();
    scheduler.advance(5000);

    expect(batches).toEqual([]);
  });
});
