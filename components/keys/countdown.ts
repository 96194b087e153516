import { useAppStore } from '@/lib/stores';
import { countdownFrame } from './format';

/** The DOM nodes of one row that the loop writes to, and what it last wrote there. */
export interface CountdownTarget {
  row: HTMLElement;
  text: HTMLElement;
  fill: HTMLElement;
  expiresAt: number;
  /** The TTL at which the bar is full: what was left when this expiry was first seen. */
  span: number;
  shown?: { text: string; scale: number; opacity: number; hidden: boolean };
}

const targets = new Set<CountdownTarget>();
let frame = 0;

const redisNow = () => Date.now() + useAppStore.getState().clockOffset;

/**
 * One requestAnimationFrame loop for every countdown on the page. It writes straight to the DOM and
 * only what changed, so a thousand rows cost a thousand comparisons per frame, not a thousand
 * React renders.
 */
function tick(): void {
  const now = redisNow();
  for (const target of targets) paint(target, now);
  frame = targets.size > 0 ? requestAnimationFrame(tick) : 0;
}

function paint(target: CountdownTarget, now: number): void {
  const next = countdownFrame(target.expiresAt - now, target.span);
  const shown = (target.shown ??= { text: '', scale: -1, opacity: 1, hidden: false });
  if (shown.text !== next.text) {
    target.text.textContent = next.text;
    shown.text = next.text;
  }
  // A change under a thousandth of the bar is under a pixel; skipping it saves most style writes.
  if (Math.abs(shown.scale - next.scale) > 0.001 || (next.scale === 0 && shown.scale !== 0)) {
    target.fill.style.transform = `scaleX(${next.scale})`;
    shown.scale = next.scale;
  }
  if (shown.opacity !== next.opacity) {
    target.row.style.opacity = next.opacity === 1 ? '' : String(next.opacity);
    shown.opacity = next.opacity;
  }
  if (shown.hidden !== next.hidden) {
    target.row.hidden = next.hidden;
    shown.hidden = next.hidden;
  }
}

/** Starts counting a row down, painting it at once so it never shows an empty countdown. */
export function trackCountdown(target: Omit<CountdownTarget, 'span' | 'shown'>): () => void {
  const tracked: CountdownTarget = { ...target, span: target.expiresAt - redisNow() };
  paint(tracked, redisNow());
  targets.add(tracked);
  if (frame === 0) frame = requestAnimationFrame(tick);
  return () => {
    targets.delete(tracked);
    // A row that outlives its countdown (PERSIST) must not stay faded or hidden.
    tracked.row.hidden = false;
    tracked.row.style.opacity = '';
  };
}
