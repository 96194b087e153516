import { notFound } from 'next/navigation';
import { Workbench } from '@/components/workbench/Workbench';
import { lessonBySlug } from '@/lib/lessons/registry';

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const lesson = lessonBySlug((await params).slug);
  if (!lesson) notFound();
  return <Workbench lesson={lesson} />;
}
