import { describe, expect, it } from 'vitest';
import { advance } from '../progress';
import { list, snapshot, str } from '../testSnapshot';
import type { LessonSnapshot } from '../types';
import { draftStep } from './draftStep';
import { parseLessonMarkdown } from './parseLesson';

const HEAD = '---\nslug: drafted\ntitle: Drafted\nsummary: From the playground.\n---\n\n';
/** The draft pasted into a lesson file: it must parse, and pass on the state it was drafted from. */
const asLesson = (draft: string) => parseLessonMarkdown(HEAD + draft);

describe('save as a step', () => {
  it('drafts keys, values, TTL ranges and the last commands into a step whose check passes on that state', () => {
    const state = snapshot({ 'hot:1': str('v', 30_500), queue: list(['a']), 'odd key': str('say "hi"\n') }, [
      ['SET hot:1 "v" PX 31000', 'OK'],
      ['RPUSH queue a', '(integer) 1'],
      ['SET "odd key" "say \\"hi\\"\\n"', 'OK'],
      ['GET nope', '(nil)'],
    ]);
    const draft = draftStep(state)!;
    expect(draft).toContain('```redis\nSET hot:1 "v" PX 31000\nRPUSH queue a\nSET "odd key" "say \\"hi\\"\\n"\nGET nope\n```');
    expect(draft).toContain(
      '```check\nvalue hot:1 v\nttl hot:1 24000..31000\nvalue "odd key" "say \\"hi\\"\\n"\ntype queue list\nreplied GET nope => (nil)\n```',
    );
    const parsed = asLesson(draft);
    expect(parsed.errors).toEqual([]);
    expect(advance(parsed.lesson!, 0, state).completed).toBe(1);
    expect(advance(parsed.lesson!, 0, { ...state, keys: { ...state.keys, 'hot:1': str('w', 30_000) } }).completed).toBe(0);
  });

  it('leaves out failed commands, checks a multi-line reply by the command having run, and a long value by its type', () => {
    const state: LessonSnapshot = snapshot({ big: str('x'.repeat(500), 4_200) }, [
      ['SET big', "(error) ERR wrong number of arguments for 'set' command"],
      ['LRANGE q 0 -1', '1) "a"\n2) "b"'],
    ]);
    const draft = draftStep(state)!;
    expect(draft).not.toContain('SET big\n');
    expect(draft).toContain('type big string\nttl big 4000..5000\nran LRANGE q 0 -1');
    expect(asLesson(draft).errors).toEqual([]);
  });

  it('has nothing to draft from an empty session', () => {
    expect(draftStep(snapshot({}))).toBeUndefined();
  });
});
