/**
 * Functions that run inside the bench's Chromium page (through page.evaluate), so they must be
 * self-contained: no imports, no closures over this module. The product code carries no bench hooks;
 * these watch the DOM the learner sees.
 */

/**
 * Command → browser: from sending the POST to the row being in the page (`inPage`), and to the start
 * of the first frame that shows it (`onScreen`).
 */
export async function eventLatencies(count: number): Promise<{ inPage: number[]; onScreen: number[] }> {
  const send = (script: string) =>
    fetch('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ script }) });
  const list = document.querySelector('[aria-labelledby="keys-heading"]')!;
  const whenShown = (test: () => boolean) =>
    new Promise<[number, number]>((resolve) => {
      const done = () => {
        const inPage = performance.now();
        requestAnimationFrame(() => resolve([inPage, performance.now()]));
      };
      if (test()) return done();
      const observer = new MutationObserver(() => {
        if (!test()) return;
        observer.disconnect();
        done();
      });
      observer.observe(list, { childList: true, subtree: true });
    });
  const inPage: number[] = [];
  const onScreen: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `latency:${i}`;
    const selector = `[data-testid="key-row"][data-key="${name}"]`;
    const shown = whenShown(() => document.querySelector(selector) !== null);
    const start = performance.now();
    void send(`SET ${name} v`);
    const [inserted, painted] = await shown;
    inPage.push(inserted - start);
    onScreen.push(painted - start);
    const gone = whenShown(() => document.querySelector(selector) === null);
    void send(`DEL ${name}`);
    await gone;
  }
  return { inPage, onScreen };
}

/**
 * Sets keys with staggered TTLs and reports, per key, how long after its expiry (Redis's clock) the
 * row was hidden, and how long until it left the DOM (the `expired` event). `offset` is Redis's
 * clock minus this machine's, measured outside the page, so the panel's own estimate is under test.
 */
export async function expiryLags({ count, offset }: { count: number; offset: number }): Promise<{ hidden: number[]; removed: number[] }> {
  const send = (script: string) =>
    fetch('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ script }) });
  const names = Array.from({ length: count }, (_, i) => `expiry:${i}`);
  await send(names.map((name, i) => `SET ${name} v PX ${1_000 + i * 37}`).join('\n'));
  const hidden: number[] = [];
  const removed: number[] = [];
  await Promise.all(
    names.map(async (name) => {
      const selector = `[data-testid="key-row"][data-key="${name}"]`;
      let row: Element | null = null;
      while (!(row = document.querySelector(selector))) await new Promise((r) => setTimeout(r, 5));
      const expiresAt = Number(row.getAttribute('data-expires-at'));
      await new Promise<void>((resolve) => {
        let wasHidden = false;
        const check = () => {
          const current = document.querySelector(selector);
          const lag = Date.now() + offset - expiresAt;
          if (!wasHidden && (!current || (current as HTMLElement).hidden)) {
            wasHidden = true;
            hidden.push(lag);
          }
          if (!current) {
            removed.push(lag);
            resolve();
            return true;
          }
          return false;
        };
        const observer = new MutationObserver(() => check() && observer.disconnect());
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
      });
    }),
  );
  return { hidden, removed };
}

/** Sets `count` keys in one script and waits until every row shows and the flash-in has settled. */
export async function manyKeys({ count, ttlMs, prefix }: { count: number; ttlMs: number; prefix: string }): Promise<void> {
  // TTLs spread ±5 %, so the keys do not all cross a display unit in the same frame.
  const send = (script: string) =>
    fetch('/api/commands', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ script }) });
  const lines = Array.from(
    { length: count },
    (_, i) => `SET ${prefix}:${String(i).padStart(4, '0')} v${i} PX ${Math.round(ttlMs * (0.95 + (0.1 * i) / count))}`,
  );
  await send(lines.join('\n'));
  while (document.querySelectorAll(`[data-key^="${prefix}:"]`).length < count) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1_000));
}

/** Frame-to-frame times over `durationMs`, from requestAnimationFrame. */
export function frameTimes(durationMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = [];
    let last = 0;
    const end = performance.now() + durationMs;
    const frame = (t: number) => {
      if (last) times.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else resolve(times);
    };
    requestAnimationFrame(frame);
  });
}
