import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { LessonList } from '@/components/lesson/LessonList';
import { summaryOf } from '@/lib/lessons/registry';
import { lessonsForPage } from '@/lib/server/lessons/catalog';

export const metadata: Metadata = { title: 'Lessons · Stampede Lab' };

/** Built-in lessons, LESSONS_DIR's, and those pasted into the session's workshop. */
export default async function LessonsPage() {
  const lessons = await lessonsForPage((await headers()).get('cookie'));
  return <LessonList lessons={lessons.map(summaryOf)} />;
}
