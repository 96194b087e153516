'use client';

import { lockWorkshop } from './api';
import styles from './Workshop.module.css';

interface Props {
  code: string;
  /** As the last dashboard read saw it: the server decides, the button follows. */
  locked: boolean;
  onMessage(message: string): void;
  onChange(): void;
}

/**
 * Lets no one else join (those in the room stay), or opens the room again. A toggle button keeps
 * one label and says its state with aria-pressed; the participants heading says it in words.
 */
export function LockToggle({ code, locked, onMessage, onChange }: Props) {
  async function toggle() {
    const outcome = await lockWorkshop(code, !locked);
    if (!outcome.ok) return onMessage(outcome.message);
    onMessage(outcome.value.locked ? 'The workshop is locked: no one else can join.' : 'The workshop is open: anyone with the code can join.');
    onChange();
  }

  return (
    <button type="button" className={locked ? styles.danger : undefined} aria-pressed={locked} data-testid="room-lock" onClick={toggle}>
      Lock workshop
    </button>
  );
}
