import type { LessonProgress } from '@/lib/lessons/types';
import type { SliceCreator } from './types';

export interface LessonSlice {
  /** The lesson open beside the editor; runs report its progress back. */
  openLesson: string | null;
  lessonProgress: LessonProgress | null;
  /** How many requests that answer with progress this page has sent (a load, a run, a reset, a prediction). */
  progressAsked: number;
  /** The number of the request whose answer is on screen. */
  progressShown: number;
  setOpenLesson: (slug: string | null) => void;
  /** Numbers a request that will answer with progress; call it as the request is sent. */
  askProgress: () => number;
  /** Shows the answer to request number `asked`, unless the answer to a later request is already on screen. */
  setLessonProgress: (progress: LessonProgress, asked: number) => void;
}

export const createLessonSlice: SliceCreator<LessonSlice> = (set, get) => ({
  openLesson: null,
  lessonProgress: null,
  progressAsked: 0,
  progressShown: 0,
  setOpenLesson: (openLesson) => set((state) => ({ openLesson, lessonProgress: state.lessonProgress?.slug === openLesson ? state.lessonProgress : null })),
  askProgress: () => {
    const asked = get().progressAsked + 1;
    set({ progressAsked: asked });
    return asked;
  },
  // A late answer for a lesson the learner has already left must not show up in the new one, and a
  // page load answered after a run (a slow server) must not put back the progress from before it.
  setLessonProgress: (progress, asked) =>
    set((state) => (state.openLesson === progress.slug && asked > state.progressShown ? { lessonProgress: progress, progressShown: asked } : {})),
});
