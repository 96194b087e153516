import type { LessonProgress } from '@/lib/lessons/types';
import type { SliceCreator } from './types';

export interface LessonSlice {
  /** The lesson open beside the editor; runs report its progress back. */
  openLesson: string | null;
  lessonProgress: LessonProgress | null;
  setOpenLesson: (slug: string | null) => void;
  setLessonProgress: (progress: LessonProgress) => void;
}

export const createLessonSlice: SliceCreator<LessonSlice> = (set) => ({
  openLesson: null,
  lessonProgress: null,
  setOpenLesson: (openLesson) => set((state) => ({ openLesson, lessonProgress: state.lessonProgress?.slug === openLesson ? state.lessonProgress : null })),
  // A late answer for a lesson the learner has already left must not show up in the new one.
  setLessonProgress: (progress) => set((state) => (state.openLesson === progress.slug ? { lessonProgress: progress } : {})),
});
