import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { parseLessonMarkdown, MAX_LESSON_BYTES, describeErrors } from '@/lib/lessons/markdown/parseLesson';
import { lessonBySlug } from '@/lib/lessons/registry';
import type { Lesson } from '@/lib/lessons/types';
import { log } from '../log/logger';
import { processGlobal } from '../processGlobal';

// No 'server-only' marker: scripts/server.ts loads the folder at start, before Next does.

/** A folder with more files than this holds something else; the rest are left out, and the log says so. */
const MAX_FILES = 200;
/** Editors write a file in several steps; one reload follows the last of them. */
const SETTLE_MS = 150;

interface DirState {
  dir: string;
  lessons: Map<string, Lesson>;
  watcher?: FSWatcher;
  timer?: NodeJS.Timeout;
}

/** Next's bundle and the server's own code hold separate copies of this module in one process; both see one folder. */
const current = processGlobal<{ state?: DirState }>('lessonsDir', () => ({}));

function readLesson(file: string, taken: (slug: string) => boolean): Lesson | string[] {
  const size = statSync(file).size;
  if (size > MAX_LESSON_BYTES) return [`line 1: the file is ${Math.ceil(size / 1024)} KB; a lesson may be at most ${MAX_LESSON_BYTES / 1024} KB`];
  const parsed = parseLessonMarkdown(readFileSync(file, 'utf8'), { taken });
  return parsed.lesson ?? describeErrors(parsed.errors);
}

/** Every `.md` file of the folder, in name order; a file with an error is skipped and logged with its line. */
function loadAll(dir: string): Map<string, Lesson> {
  const lessons = new Map<string, Lesson>();
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  if (names.length > MAX_FILES)
    log().warn({ dir, files: names.length }, `LESSONS_DIR holds ${names.length} lesson files; only the first ${MAX_FILES} are read`);
  for (const name of names.slice(0, MAX_FILES)) {
    const file = path.join(dir, name);
    try {
      const read = readLesson(file, (slug) => lessonBySlug(slug) !== undefined || lessons.has(slug));
      if (Array.isArray(read)) {
        const [first] = read;
        const [, line, reason] = /^line (\d+): (.*)$/.exec(first!) ?? [];
        log().error({ file, line: Number(line), reason, errors: read }, `Skipped lesson ${name}: ${first}`);
      } else lessons.set(read.slug, read);
    } catch (error) {
      log().error({ file, err: error }, `Skipped lesson ${name}: it could not be read`);
    }
  }
  log().info({ dir, lessons: [...lessons.keys()] }, `Loaded ${lessons.size} lesson(s) from LESSONS_DIR`);
  return lessons;
}

function reload(state: DirState): void {
  try {
    state.lessons = loadAll(state.dir);
  } catch (error) {
    // The folder itself went away or became unreadable: keep serving what was loaded.
    log().error({ dir: state.dir, err: error }, 'LESSONS_DIR could not be read again; its lessons stay as they were');
  }
}

/**
 * Loads the folder's lessons and reloads them whenever a file in it changes. Called at start with the
 * checked LESSONS_DIR (scripts/server.ts); again with the same folder, it does nothing.
 */
export function startLessonsDir(dir: string | undefined): void {
  if (!dir || current.state?.dir === dir) return;
  current.state?.watcher?.close();
  const state: DirState = { dir, lessons: new Map() };
  current.state = state;
  reload(state);
  try {
    state.watcher = watch(dir, () => {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => reload(state), SETTLE_MS);
      state.timer.unref();
    });
    state.watcher.on('error', (error) => log().error({ dir, err: error }, 'Stopped watching LESSONS_DIR; its lessons stay as they were'));
    state.watcher.unref();
  } catch (error) {
    log().error({ dir, err: error }, 'Cannot watch LESSONS_DIR for changes; its lessons are those found at start');
  }
}

/** The folder's lessons, in file-name order; none without LESSONS_DIR. */
export function folderLessons(dir: string | undefined): Lesson[] {
  startLessonsDir(dir);
  const { state } = current;
  return dir && state?.dir === dir ? [...state.lessons.values()] : [];
}
