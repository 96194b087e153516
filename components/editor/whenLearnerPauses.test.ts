import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenLearnerPauses } from './whenLearnerPauses';

// The page's key presses reach `window`; an EventTarget is all of it the function uses. Without
// requestIdleCallback it takes Safari's way (a timeout), which the fake clock drives.
const page = new EventTarget();
const press = () => page.dispatchEvent(new Event('keydown'));

describe('whenLearnerPauses', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    vi.stubGlobal('window', page);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('waits a second from when the editor can be typed into, not from the page’s first idle moment', () => {
    const start = vi.fn();
    whenLearnerPauses(start);
    vi.advanceTimersByTime(990);
    expect(start).not.toHaveBeenCalled();
    // A zero-delay timeout waits a millisecond, as in Node.
    vi.advanceTimersByTime(20);
    expect(start).toHaveBeenCalledOnce();
  });

  it('holds back while the learner types, and starts a second after the last key', () => {
    const start = vi.fn();
    whenLearnerPauses(start);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(600);
      press();
    }
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(990);
    expect(start).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(start).toHaveBeenCalledOnce();
    // Keys after the start no longer count, and nothing starts twice.
    press();
    vi.advanceTimersByTime(5_000);
    expect(start).toHaveBeenCalledOnce();
  });

  it('never starts once cancelled (the editor left the page)', () => {
    const start = vi.fn();
    const cancel = whenLearnerPauses(start);
    vi.advanceTimersByTime(500);
    press();
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(start).not.toHaveBeenCalled();
  });
});
