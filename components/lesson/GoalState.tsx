'use client';

import { useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { STEP_GOAL_SLOT_ID } from '@/components/keys/KeysPanel';
import { describePart, partMet, partNeedsClock, type TargetPart } from '@/lib/lessons/target';
import { useAppStore } from '@/lib/stores';
import styles from './GoalState.module.css';

/** Fine enough that a part turns true with the keys panel's countdown, to a learner's eye. */
const TICK_MS = 200;
const clockSubscription = (tick: () => void) => {
  const id = setInterval(tick, TICK_MS);
  return () => clearInterval(id);
};
const noSubscription = () => () => {};
const wallClock = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;

/** Redis's clock (as the keys panel reads it), ticking only while some part depends on time. */
function useRedisNow(ticking: boolean): number {
  const offset = useAppStore((state) => state.clockOffset);
  return useSyncExternalStore(ticking ? clockSubscription : noSubscription, wallClock, () => 0) + offset;
}

/** The slot above the keys panel; null on the server and on pages without one. */
const goalSlot = () => document.getElementById(STEP_GOAL_SLOT_ID);
const noSlot = () => null;

interface GoalStateProps {
  /** 1-based step on screen. */
  step: number;
  target: TargetPart[];
}

/**
 * The state the step on screen is waiting for, drawn beside the live keys it is compared with (as
 * Learn Git Branching shows the goal beside the learner's tree), each part ticked off as it comes true.
 */
export function GoalState({ step, target }: GoalStateProps) {
  const slot = useSyncExternalStore(noSubscription, goalSlot, noSlot);
  const keys = useAppStore((state) => state.keys);
  const ticking = target.some((part) => partNeedsClock(part, keys.get(part.key)?.view));
  const now = useRedisNow(ticking);
  if (!slot) return null;
  const parts = target.map((part) => ({ part, met: partMet(part, keys.get(part.key)?.view, now) }));
  const metCount = parts.filter((p) => p.met).length;
  return createPortal(
    <section className={styles.goal} aria-labelledby="step-goal-title" data-testid="goal-state" data-step={step} data-met={String(metCount === parts.length)}>
      <h2 id="step-goal-title" className={`panel-title ${styles.title}`}>
        Goal of step {step}
        <span className="count-badge" aria-label={`${metCount} of ${parts.length} true`}>
          {metCount} / {parts.length}
        </span>
      </h2>
      <ul className={styles.parts}>
        {parts.map(({ part, met }) => (
          <li key={part.key + (part.state ?? '')} className={styles.part} data-testid="goal-part" data-key={part.key} data-met={String(met)}>
            <span className={styles.mark} aria-hidden="true">
              {met ? '✓' : '○'}
            </span>
            <code>{describePart(part)}</code>
            <span className="visually-hidden">{met ? ' (true now)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
    </section>,
    slot,
  );
}
