import { ResultsPane } from '@/components/console/ResultsPane';
import { EditorPanel } from '@/components/editor/EditorPanel';
import { KeysPanel } from '@/components/keys/KeysPanel';
import { SiteHeader } from '@/components/nav/SiteHeader';
import type { PageId } from '@/components/nav/SiteNav';
import { LessonPanel } from '@/components/lesson/LessonPanel';
import { LESSONS, lessonView } from '@/lib/lessons/registry';
import type { Lesson } from '@/lib/lessons/types';
import { SaveAsStep } from './SaveAsStep';
import styles from './Workbench.module.css';

/**
 * The workbench: lesson on the left, editor and results in the middle, live keys on the right.
 * `current`: the navigation entry it was reached by (the start page, or a lesson's own URL).
 */
export function Workbench({ lesson, step, current = 'lessons' }: { lesson: Lesson; step?: number; current?: PageId }) {
  const following = LESSONS[LESSONS.indexOf(lesson) + 1];
  return (
    <div className="shell">
      <SiteHeader current={current} />
      <aside className={`shell-lesson ${styles.lessonColumn}`} aria-label="Lesson">
        <LessonPanel lesson={lessonView(lesson)} initialStep={step} next={following && { slug: following.slug, title: following.title }} />
      </aside>
      <main className="shell-workbench">
        <EditorPanel />
        <ResultsPane />
        <SaveAsStep />
      </main>
      <aside className="shell-keys" aria-label="Keys">
        <KeysPanel />
      </aside>
    </div>
  );
}
