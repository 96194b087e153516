import { describe, expect, it } from 'vitest';
import { OVERFLOW, PushQueue } from './pushQueue';

describe('a push queue between a push source and the stream that reads it', () => {
  it('hands over what arrived, in order, and waits when nothing did', async () => {
    const queue = new PushQueue<number>(10, new AbortController().signal);
    queue.push(1);
    queue.push(2);
    expect(await queue.take()).toEqual([1, 2]);
    const waiting = queue.take();
    queue.push(3);
    expect(await waiting).toEqual([3]);
  });

  it('lets the reader take what waits after the end, then says it ended, and drops later pushes', async () => {
    const queue = new PushQueue<string>(10, new AbortController().signal);
    queue.push('closed');
    queue.end();
    queue.push('late');
    expect(queue.closed).toBe(true);
    expect(await queue.take()).toEqual(['closed']);
    expect(await queue.take()).toBeUndefined();
  });

  it('wakes a waiting reader with the end when its signal aborts, dropping what waits', async () => {
    const stop = new AbortController();
    const queue = new PushQueue<number>(10, stop.signal);
    const waiting = queue.take();
    stop.abort();
    expect(await waiting).toBeUndefined();
    queue.push(1);
    expect(await queue.take()).toBeUndefined();
  });

  it('drops its backlog past the limit and says so once, then queues again', async () => {
    const queue = new PushQueue<number>(3, new AbortController().signal);
    for (const n of [1, 2, 3, 4, 5]) queue.push(n);
    expect(await queue.take()).toBe(OVERFLOW);
    expect(await queue.take()).toEqual([5]);
  });

  it('drops what waits when its source lost items, and wakes a waiting reader with OVERFLOW once', async () => {
    const queue = new PushQueue<number>(10, new AbortController().signal);
    queue.push(1);
    queue.lose();
    expect(await queue.take()).toBe(OVERFLOW);
    const waiting = queue.take();
    queue.lose();
    expect(await waiting).toBe(OVERFLOW);
    queue.push(2);
    expect(await queue.take()).toEqual([2]);
  });

  it('weighs items as told: a few heavy items overflow it as many light ones do', async () => {
    const queue = new PushQueue<number[]>(10, new AbortController().signal, (batch) => batch.length);
    queue.push([1, 2, 3, 4]);
    queue.push([5, 6, 7, 8, 9, 10]);
    expect(await queue.take()).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8, 9, 10],
    ]);
    queue.push([1, 2, 3, 4, 5, 6]);
    queue.push([7, 8, 9, 10, 11]);
    expect(await queue.take()).toBe(OVERFLOW);
    queue.push([12]);
    expect(await queue.take()).toEqual([[12]]);
  });

  it('drains what waits without waiting', () => {
    const queue = new PushQueue<number>(3, new AbortController().signal);
    expect(queue.drain()).toEqual([]);
    queue.push(7);
    expect(queue.drain()).toEqual([7]);
  });
});
