import { Workbench } from '@/components/workbench/Workbench';
import { lessonBySlug, SEED_LESSON_SLUG } from '@/lib/lessons/registry';

/** The start page opens the seed lesson beside the editor. */
export default function Home() {
  return <Workbench lesson={lessonBySlug(SEED_LESSON_SLUG)!} current="playground" />;
}
