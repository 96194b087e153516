import { useEffect } from 'react';
import { useAppStore } from '@/lib/stores';
import { isUntouchedStart } from '@/lib/lessons/editorStart';
import { fetchLessonProgress } from './api';

const RETRY_MS = 2_000;

/**
 * Loads this session's progress in a lesson into the store, trying again every 2 s while the server
 * cannot answer (the page would otherwise show no progress at all after a reload). Stops once the
 * lesson is closed, `signal` aborts or a run has shown the progress; an answer that arrives after a
 * newer one (a run's) is dropped.
 */
export async function loadLessonProgress(slug: string, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<void> {
  for (;;) {
    const asked = useAppStore.getState().askProgress();
    const outcome = await fetchLessonProgress(slug, fetchImpl);
    // The specific hint belongs to a run the learner just made, not to a page load.
    if (outcome.ok) return useAppStore.getState().setLessonProgress({ ...outcome.progress, hint: undefined }, asked);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    const { openLesson, lessonProgress } = useAppStore.getState();
    if (signal.aborted || openLesson !== slug || lessonProgress?.slug === slug) return;
  }
}

/** Opens the lesson for runs, loads this session's progress from the server, and closes it on leave. */
export function useLessonProgress(slug: string) {
  useEffect(() => {
    useAppStore.getState().setOpenLesson(slug);
    const leave = new AbortController();
    void loadLessonProgress(slug, leave.signal);
    return () => {
      leave.abort();
      useAppStore.getState().setOpenLesson(null);
    };
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
