/** How long the learner must not have pressed a key before Monaco's chunk is evaluated. */
const PAUSE_MS = 1_000;

/**
 * Calls `start` once the page is idle and no key has been pressed for PAUSE_MS, counting from the
 * call (when the light editor can first be typed into); returns a cancel. Evaluating Monaco's chunk
 * holds the main thread for a second, several on a slow CPU, and keys pressed meanwhile show up only
 * after it: better to do it while the learner reads than types. Counting from the call rather than
 * from the page's first idle moment leaves a learner who starts typing at once the time to do so.
 */
export function whenLearnerPauses(start: () => void): () => void {
  let lastKey = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const onKey = () => (lastKey = performance.now());
  window.addEventListener('keydown', onKey, true);

  const check = () => {
    const quiet = performance.now() - lastKey;
    if (quiet < PAUSE_MS) {
      timer = setTimeout(waitForIdle, PAUSE_MS - quiet);
      return;
    }
    window.removeEventListener('keydown', onKey, true);
    start();
  };
  // Safari has no requestIdleCallback; a timeout is the next best thing there.
  const waitForIdle = () => {
    if ('requestIdleCallback' in window) idle = requestIdleCallback(check, { timeout: 2 * PAUSE_MS });
    else timer = setTimeout(check, 0);
  };
  waitForIdle();

  return () => {
    window.removeEventListener('keydown', onKey, true);
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
