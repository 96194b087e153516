import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Workbench } from '@/components/workbench/Workbench';
import { findLessonForPage } from '@/lib/server/lessons/catalog';

export default async function LessonStepPage({ params }: { params: Promise<{ slug: string; step: string }> }) {
  const { slug, step } = await params;
  const lesson = await findLessonForPage(slug, (await headers()).get('cookie'));
  const n = Number(step);
  if (!lesson || !/^\d+$/.test(step) || n < 1 || n > lesson.steps.length) notFound();
  return <Workbench lesson={lesson} step={n} />;
}
