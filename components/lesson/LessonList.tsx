'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { LessonSummary } from '@/lib/lessons/types';
import { HealthBanner } from '@/components/console/HealthBanner';
import { SiteNav } from '@/components/nav/SiteNav';
import styles from './LessonList.module.css';

/** Every lesson, by track, with this session's progress once the server has answered. */
export function LessonList({ lessons }: { lessons: LessonSummary[] }) {
  const [completed, setCompleted] = useState<Record<string, number>>({});

  useEffect(() => {
    void fetch('/api/lessons', { cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body: { lessons?: { slug: string; completed: number }[] } | undefined) => {
        setCompleted(Object.fromEntries((body?.lessons ?? []).map((l) => [l.slug, l.completed])));
      })
      // Without progress the list is still useful; the counts just stay hidden.
      .catch(() => undefined);
  }, []);

  const tracks: [LessonSummary['track'], string][] = [
    ['basics', 'Basics'],
    ['advanced', 'Advanced'],
  ];
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <Link href="/" className="brand">
          Stampede Lab
        </Link>
        <SiteNav current="lessons" />
        <h1 className={styles.title}>Lessons</h1>
        <div className="banner-slot">
          <HealthBanner />
        </div>
      </header>
      {tracks.map(([track, label]) => (
        <section key={track} aria-labelledby={`track-${track}`}>
          <h2 id={`track-${track}`} className={styles.track}>
            {label}
          </h2>
          <ol className={styles.list}>
            {lessons
              .filter((l) => l.track === track)
              .map((lesson) => (
                <li key={lesson.slug} className={styles.card}>
                  <Link href={`/lessons/${lesson.slug}`} className={styles.link}>
                    {lesson.title}
                  </Link>
                  <p className={styles.summary}>{lesson.summary}</p>
                  <p className={styles.meta}>
                    {lesson.slug in completed ? `${completed[lesson.slug]} / ${lesson.steps} steps` : `${lesson.steps} steps`}
                  </p>
                </li>
              ))}
          </ol>
        </section>
      ))}
    </main>
  );
}
