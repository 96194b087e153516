'use client';

import { describePart, partMet, type TargetPart } from '@/lib/lessons/target';
import { useAppStore } from '@/lib/stores';
import styles from './Prediction.module.css';

/** The state the step is waiting for, each part ticked off as the live keys come to match it. */
export function GoalState({ target }: { target: TargetPart[] }) {
  const keys = useAppStore((state) => state.keys);
  const parts = target.map((part) => ({ part, met: partMet(part, keys.get(part.key)?.view) }));
  return (
    <div className={styles.box} data-testid="goal-state" data-met={String(parts.every((p) => p.met))}>
      <p className={styles.question}>Redis should end up with</p>
      <ul className={styles.parts}>
        {parts.map(({ part, met }) => (
          <li key={part.key + (part.state ?? '')} data-testid="goal-part" data-key={part.key} data-met={String(met)}>
            <span aria-hidden="true">{met ? '✓' : '○'}</span> <code>{describePart(part)}</code>
            <span className="visually-hidden">{met ? ' (true now)' : ' (not yet)'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
