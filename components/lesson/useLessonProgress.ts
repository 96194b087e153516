import { useEffect } from 'react';
import { useAppStore } from '@/lib/stores';
import { isUntouchedStart } from '@/lib/lessons/editorStart';
import { fetchLessonProgress } from './api';

/** Opens the lesson for runs, loads this session's progress from the server, and closes it on leave. */
export function useLessonProgress(slug: string) {
  useEffect(() => {
    const store = useAppStore.getState();
    store.setOpenLesson(slug);
    void fetchLessonProgress(slug).then((outcome) => {
      // The specific hint belongs to a run the learner just made, not to a page load.
      if (outcome.ok) useAppStore.getState().setLessonProgress({ ...outcome.progress, hint: undefined });
    });
    return () => useAppStore.getState().setOpenLesson(null);
  }, [slug]);
  return useAppStore((state) => (state.lessonProgress?.slug === slug ? state.lessonProgress : null));
}

/** The focus slice follows the step on screen, so the keys panel highlights what it talks about. */
export function useHighlightedKeys(keys: string[]) {
  const joined = keys.join('\n');
  useEffect(() => {
    useAppStore.getState().setHighlightedKeys(joined ? joined.split('\n') : []);
    return () => useAppStore.getState().setHighlightedKeys([]);
  }, [joined]);
}

/**
 * The editor starts each step with the step's goal as a comment, never its commands: the learner
 * types those. Whatever the learner typed stays; only a start the app wrote is replaced.
 */
export function useEditorGoal(goal: string) {
  const untouched = useAppStore((state) => (isUntouchedStart(state.script) ? state.script : null));
  useEffect(() => {
    if (untouched !== null && untouched !== goal) useAppStore.getState().loadScript(goal);
  }, [untouched, goal]);
}
