import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as stepDraftRoute } from '@/app/api/step-draft/route';
import { parseLessonMarkdown } from '@/lib/lessons/markdown/parseLesson';
import { advance } from '@/lib/lessons/progress';
import { buildLessonSnapshot } from '@/lib/server/lessons/snapshot';
import { evaluateLesson, listLessons } from '@/lib/server/lessons/service';
import { findLesson } from '@/lib/server/lessons/catalog';
import { folderLessons } from '@/lib/server/lessons/markdownSource';
import { appRedis } from '@/lib/server/redis/client';
import { roomKeys } from '@/lib/server/workshop/keys';
import { findRoom } from '@/lib/server/workshop/rooms';
import { logTo } from '@/lib/server/log/logger';
import { dashboardOf, joined, openRoom, roomBrowser } from '../support/roomBrowser';
import { newLearner } from '../support/learner';

const FIXTURE = path.join(__dirname, '../../e2e/fixtures/lessons/jitter-the-hot-key.md');
const SOURCE = readFileSync(FIXTURE, 'utf8');
/** The same lesson under another slug, so pasting it takes no slug the folder may hold. */
const PASTED = SOURCE.replace('slug: jitter-the-hot-key', 'slug: room-hot-key').replace('title: Jitter the hot key', 'title: The room’s hot key');
const STEP_1 = 'SET hot:1 "v" PX 31000';
const STEP_2 = 'SET lock:hot:1 "me" NX PX 30000\nSET lock:hot:1 "you" NX PX 30000';

describe('a lesson pasted into a workshop', () => {
  it('is checked by line, kept for the room, and its steps pass only when Redis agrees', async () => {
    const { teacher, code } = await openRoom();
    const broken = await teacher.pasteLesson(code, PASTED.replace('ttl hot:1 25000..35000', 'ttl hot:1 soon'));
    expect(broken.status).toBe(422);
    const refusal = await broken.json();
    expect(refusal.errors).toEqual([{ line: 21, message: expect.stringMatching(/`ttl` takes a key and a range/) }]);
    expect(refusal.error).toMatch(/^The lesson was not added: line 21: /);
    expect((await (await teacher.pasteLesson(code, PASTED.replace('slug: room-hot-key', 'slug: stampede-lock'))).json()).errors[0].message).toMatch(
      /already taken/,
    );

    const added = await teacher.pasteLesson(code, PASTED);
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({
      lesson: { slug: 'room-hot-key', title: 'The room’s hot key', summary: expect.any(String), track: 'custom', steps: 2 },
      replaced: false,
    });
    expect((await teacher.pasteLesson(code, PASTED)).status).toBe(200);
    const room = await findRoom(code);
    expect(await appRedis().ttl(roomKeys(room.id).lessons)).toBeGreaterThan(0);

    const ada = await joined(code, 'Ada');
    expect((await listLessons(ada.namespace)).map((l) => l.slug)).toContain('room-hot-key');
    expect((await (await ada.run('SET hot:1 "v"', 'room-hot-key')).json()).lesson).toMatchObject({
      completed: 0,
      hint: expect.stringMatching(/`hot:1` has no expiry/),
    });
    expect((await (await ada.run(STEP_1, 'room-hot-key')).json()).lesson).toMatchObject({ completed: 1, total: 2 });
    expect((await (await ada.run(STEP_2, 'room-hot-key')).json()).lesson).toMatchObject({
      completed: 2,
      predictions: [{ step: 2, choice: null, answer: '(nil)' }],
    });
    const row = (await dashboardOf(teacher, code)).participants.find((p) => p.name === 'Ada');
    expect(row).toMatchObject({ lesson: 'room-hot-key', lessonTitle: 'The room’s hot key', step: 3, steps: 2 });
    expect((await teacher.push(code, { lesson: 'room-hot-key', step: 2 })).status).toBe(200);
  });

  it('is only for that room: others can neither open it nor run against it, and closing the room removes it', async () => {
    const { teacher, code } = await openRoom();
    expect((await teacher.pasteLesson(code, PASTED.replace('slug: room-hot-key', 'slug: only-here'))).status).toBe(201);
    const elsewhere = await openRoom();
    const outsider = await joined(elsewhere.code, 'Eve');
    expect(await findLesson('only-here', outsider.namespace)).toBeUndefined();
    expect((await listLessons(outsider.namespace)).map((l) => l.slug)).not.toContain('only-here');
    const run = await outsider.run(STEP_1, 'only-here');
    expect(run.status).toBe(422);
    expect((await run.json()).error).toBe('There is no lesson called "only-here". GET /api/lessons lists them.');
    const stranger = roomBrowser();
    expect((await stranger.pasteLesson(code, PASTED)).status).toBe(403);

    const room = await findRoom(code);
    expect((await teacher.close(code)).status).toBe(200);
    expect(await appRedis().exists(roomKeys(room.id).lessons)).toBe(0);
  });

  it("checks only the session's own keys: another learner's hot:1 passes nobody else's step", async () => {
    const { teacher, code } = await openRoom();
    await teacher.pasteLesson(code, PASTED.replace('slug: room-hot-key', 'slug: own-keys'));
    const [ada, bob] = await Promise.all([joined(code, 'Ada'), joined(code, 'Bob')]);
    await ada.run(STEP_1, 'own-keys');
    expect(await evaluateLesson(ada.namespace, 'own-keys')).toMatchObject({ completed: 1 });
    expect(await evaluateLesson(bob.namespace, 'own-keys')).toMatchObject({
      completed: 0,
      hint: '`hot:1` does not exist yet; this step wants it to hold "v".',
    });
  });
});

describe('lessons from LESSONS_DIR', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stampede-lessons-'));
  const logged: string[] = [];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are listed beside the built-in ones; a broken file is skipped and logged by name and line; a change is picked up', async () => {
    logTo({ write: (line: string) => void logged.push(line) });
    copyFileSync(FIXTURE, path.join(dir, 'jitter.md'));
    writeFileSync(
      path.join(dir, 'broken.md'),
      SOURCE.replace('slug: jitter-the-hot-key', 'slug: broken-one').replace('type', 'kind').replace('value hot:1 "v"', 'value hot:1'),
    );
    writeFileSync(path.join(dir, 'notes.txt'), 'not a lesson');
    expect(folderLessons(dir).map((l) => l.slug)).toEqual(['jitter-the-hot-key']);
    const entry = logged.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.file === path.join(dir, 'broken.md'));
    expect(entry).toMatchObject({
      level: 50,
      line: 20,
      reason: expect.stringMatching(/`value` takes a key and the text/),
      msg: expect.stringMatching(/^Skipped lesson broken.md: line 20: /),
    });

    const learner = newLearner();
    process.env.LESSONS_DIR = dir;
    try {
      expect((await listLessons(learner.session.namespace)).map((l) => l.slug)).toContain('jitter-the-hot-key');
      await learner.run('SET hot:1 "v" PX 60000');
      expect(await evaluateLesson(learner.session.namespace, 'jitter-the-hot-key')).toMatchObject({
        completed: 0,
        hint: expect.stringMatching(/ms left; this step wants 25000..35000 ms/),
      });
      await learner.run(STEP_1);
      expect(await evaluateLesson(learner.session.namespace, 'jitter-the-hot-key')).toMatchObject({ completed: 1 });

      writeFileSync(path.join(dir, 'broken.md'), SOURCE.replace('slug: jitter-the-hot-key', 'slug: mended'));
      await expect.poll(() => folderLessons(dir).map((l) => l.slug), { timeout: 10_000 }).toEqual(['mended', 'jitter-the-hot-key']);
    } finally {
      delete process.env.LESSONS_DIR;
    }
  });
});

describe('save as a step', () => {
  it("drafts a step from the session's real keys and commands; pasted into a lesson, it passes on that state", async () => {
    const tab = roomBrowser();
    const draftOf = async () =>
      (await (await stepDraftRoute(new Request('http://localhost/api/step-draft', { headers: { cookie: tab.cookie } }))).json()) as { draft: string | null };
    expect((await draftOf()).draft).toBeNull();
    await tab.run('SET hot:1 "v" PX 31000\nRPUSH queue a b\nGET hot:1');
    const { draft } = await draftOf();
    expect(draft).toContain('```check\nvalue hot:1 v\nttl hot:1 24000..31000\ntype queue list\nreplied GET hot:1 => "v"\n```');
    const { lesson } = parseLessonMarkdown(`---\nslug: drafted\ntitle: Drafted\nsummary: From the playground.\n---\n\n${draft}`);
    expect(advance(lesson!, 0, await buildLessonSnapshot(appRedis(), tab.namespace)).completed).toBe(1);
  });
});
