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
  /** Scrolled into view. Rows out of view are only checked for expiry, never redrawn. */
  onScreen: boolean;
  shown: { text: string; scale: number; opacity: number; hidden: boolean };
}

const targets = new Map<Element, CountdownTarget>();
let frame = 0;
let visibility: IntersectionObserver | undefined;

const redisNow = () => Date.now() + useAppStore.getState().clockOffset;

/**
 * One requestAnimationFrame loop for every countdown on the page. It writes straight to the DOM,
 * only what changed, and only for rows in view, so a thousand keys cost about what a screenful does.
 */
function tick(): void {
  const now = redisNow();
  for (const target of targets.values()) {
    if (target.onScreen) paint(target, now);
    // A key past its expiry is gone as far as Redis's commands can tell, wherever its row is.
    else if (target.shown.hidden !== target.expiresAt <= now) setHidden(target, target.expiresAt <= now);
  }
  frame = targets.size > 0 ? requestAnimationFrame(tick) : 0;
}

function setHidden(target: CountdownTarget, hidden: boolean): void {
  target.row.hidden = hidden;
  target.shown.hidden = hidden;
}

function paint(target: CountdownTarget, now: number): void {
  const next = countdownFrame(target.expiresAt - now, target.span);
  const { shown } = target;
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
  if (shown.hidden !== next.hidden) setHidden(target, next.hidden);
}

function observer(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined;
  visibility ??= new IntersectionObserver((entries) => {
    const now = redisNow();
    for (const entry of entries) {
      const target = targets.get(entry.target);
      if (!target) continue;
      target.onScreen = entry.isIntersecting;
      if (target.onScreen) paint(target, now);
    }
  });
  return visibility;
}

/** Starts counting a row down, painting it at once so it never shows an empty countdown. */
export function trackCountdown(nodes: Pick<CountdownTarget, 'row' | 'text' | 'fill' | 'expiresAt'>): () => void {
  const now = redisNow();
  const target: CountdownTarget = {
    ...nodes,
    span: nodes.expiresAt - now,
    // Until the observer reports, assume in view: a row is never left stale.
    onScreen: true,
    shown: { text: '', scale: -1, opacity: 1, hidden: false },
  };
  paint(target, now);
  targets.set(nodes.row, target);
  observer()?.observe(nodes.row);
  if (frame === 0) frame = requestAnimationFrame(tick);
  return () => {
    if (targets.get(nodes.row) === target) targets.delete(nodes.row);
    visibility?.unobserve(nodes.row);
    // A row that outlives its countdown (PERSIST) must not stay faded or hidden.
    nodes.row.hidden = false;
    nodes.row.style.opacity = '';
  };
}
