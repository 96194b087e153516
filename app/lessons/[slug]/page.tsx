import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Workbench } from '@/components/workbench/Workbench';
import { findLessonForPage } from '@/lib/server/lessons/catalog';

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  // A workshop's pasted lessons open only for its members, so the page looks at the session.
  const lesson = await findLessonForPage((await params).slug, (await headers()).get('cookie'));
  if (!lesson) notFound();
  return <Workbench lesson={lesson} />;
}
