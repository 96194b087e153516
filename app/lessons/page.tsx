import type { Metadata } from 'next';
import { LessonList } from '@/components/lesson/LessonList';
import { lessonSummaries } from '@/lib/lessons/registry';

export const metadata: Metadata = { title: 'Lessons · Stampede Lab' };

export default function LessonsPage() {
  return <LessonList lessons={lessonSummaries()} />;
}
