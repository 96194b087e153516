'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { LessonSummary } from '@/lib/lessons/types';
import type { ParticipantView } from '@/lib/workshop/types';
import { closeWorkshop, removeParticipant, resetParticipant } from './api';
import { ClassRaceControl } from './ClassRaceControl';
import { LockToggle } from './LockToggle';
import { ParticipantTable } from './ParticipantTable';
import { PredictionTally } from './PredictionTally';
import { PushControl } from './PushControl';
import { RoomLessonForm } from './RoomLessonForm';
import { RoomLinks } from './RoomLinks';
import { useDashboard } from './useDashboard';
import styles from './Workshop.module.css';

const SHARED_REDIS =
  'This Redis does not let the app create a user per participant (a managed Redis, for example), so EVAL and other scripts are off for everyone in this room. Keys are still kept apart by name.';

/** The teacher's view of the room: who is where, who is stuck, and the controls for the class. */
export function Dashboard({ code, lessons }: { code: string; lessons: LessonSummary[] }) {
  const { view, receivedAt, error, teacherKey, refresh } = useDashboard(code);
  const [message, setMessage] = useState('');
  const [closed, setClosed] = useState(false);

  async function reset(participant: ParticipantView) {
    if (!window.confirm(`Delete all of ${participant.name}'s keys and lesson progress?`)) return;
    const outcome = await resetParticipant(code, participant.id);
    setMessage(outcome.ok ? `${participant.name} starts afresh.` : outcome.message);
    refresh();
  }

  async function remove(participant: ParticipantView) {
    if (!window.confirm(`Remove ${participant.name} from the workshop? They keep their keys, but cannot join it again from this browser.`)) return;
    const outcome = await removeParticipant(code, participant.id);
    setMessage(outcome.ok ? `${participant.name} is no longer in the workshop.` : outcome.message);
    refresh();
  }

  async function close() {
    if (!window.confirm(`Close workshop ${code}? Every participant's keys and progress in it are deleted.`)) return;
    const outcome = await closeWorkshop(code);
    if (outcome.ok) setClosed(true);
    else setMessage(outcome.message);
  }

  if (closed) {
    return (
      <section className={styles.card} role="status">
        <h2>Workshop {code} is closed</h2>
        <p>
          Its keys are gone. <Link href="/workshop">Open another one</Link> when you are ready.
        </p>
      </section>
    );
  }
  return (
    <div className={styles.dashboard}>
      <RoomLinks code={code} teacherKey={teacherKey} />
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {view?.isolation === 'shared' && <p className={styles.notice}>{SHARED_REDIS}</p>}
      <div className={styles.toolbar}>
        <PushControl code={code} lessons={lessons} onMessage={setMessage} />
        <ClassRaceControl code={code} onMessage={setMessage} />
        {view && <LockToggle code={code} locked={view.locked} onMessage={setMessage} onChange={refresh} />}
        <button type="button" className={styles.danger} onClick={close}>
          Close workshop
        </button>
      </div>
      <p role="status" className={styles.message}>
        {message}
      </p>
      {view && (
        <>
          <h2 className={styles.heading}>
            Participants ({view.participants.length}){view.locked && ' · locked: no one else can join'}
          </h2>
          <ParticipantTable participants={view.participants} now={view.now} receivedAt={receivedAt} onReset={reset} onRemove={remove} />
          <PredictionTally code={code} />
          <RoomLessonForm code={code} onMessage={setMessage} />
        </>
      )}
    </div>
  );
}
