'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { LessonSummary } from '@/lib/lessons/types';
import { SiteHeader } from '@/components/nav/SiteHeader';
import styles from './LessonList.module.css';
import { request, withFields } from '@/lib/api/request';

/** Every lesson, by track, with this session's progress once the server has answered. */
export function LessonList({ lessons }: { lessons: LessonSummary[] }) {
  const [completed, setCompleted] = useState<Record<string, number>>({});

  useEffect(() => {
    void request('/api/lessons', { read: withFields<{ lessons: { slug: string; completed: number }[] }>('lessons') }).then((outcome) => {
      // Without progress the list is still useful; the counts just stay hidden.
      if (outcome.ok) setCompleted(Object.fromEntries(outcome.value.lessons.map((l) => [l.slug, l.completed])));
    });
  }, []);

  const tracks: [LessonSummary['track'], string][] = [
    ['basics', 'Basics'],
    ['advanced', 'Advanced'],
    ['custom', 'Your teacher’s lessons'],
  ];
  return (
    // The shared header spans the page, as on every other page; the list below keeps a reading width.
    <div className={styles.page}>
      <SiteHeader current="lessons" />
      <main className={styles.main}>
        <h2 className={styles.title}>Lessons</h2>
        {tracks
          .filter(([track]) => lessons.some((l) => l.track === track))
          .map(([track, label]) => (
            <section key={track} aria-labelledby={`track-${track}`}>
              <h3 id={`track-${track}`} className={styles.track}>
                {label}
              </h3>
              <ol className={styles.list}>
                {lessons
                  .filter((l) => l.track === track)
                  .map((lesson) => (
                    <li key={lesson.slug} className={styles.card}>
                      <Link href={`/lessons/${lesson.slug}`} className={styles.link}>
                        {lesson.title}
                      </Link>
                      <p className={styles.summary}>{lesson.summary}</p>
                      <p className={styles.meta}>{lesson.slug in completed ? `${completed[lesson.slug]} / ${lesson.steps} steps` : `${lesson.steps} steps`}</p>
                    </li>
                  ))}
              </ol>
            </section>
          ))}
      </main>
    </div>
  );
}
