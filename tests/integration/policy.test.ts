import { describe, expect, it } from 'vitest';
import { newLearner } from '../support/learner';

// What the policy refuses, and how sessions are kept apart, is tested in tests/adversarial/.
describe('the command policy', () => {
  it('keeps the help of container commands open', async () => {
    const [result] = await newLearner().run('OBJECT HELP');
    expect(result!.ok).toBe(true);
  });

  it('lets an error on one line not stop the next', async () => {
    const texts = await newLearner().texts('SET a 1\nFLUSHALL\nINCR a\nfoo\nGET a');
    expect(texts).toEqual([
      'OK',
      expect.stringMatching(/^\(error\) ERR 'flushall' is not available in the playground: \w/),
      '(integer) 2',
      "(error) ERR unknown command 'foo', with args beginning with: ",
      '"2"',
    ]);
  });

  it('skips blank lines and comments but numbers lines as typed', async () => {
    const results = await newLearner().run('# a comment\n\n// another\nPING\r\n  \nECHO hi');
    expect(results.map((r) => [r.line, r.command, r.text])).toEqual([
      [4, 'PING', 'PONG'],
      [6, 'ECHO hi', '"hi"'],
    ]);
  });

  it('keeps SORT … STORE within the session', async () => {
    const learner = newLearner();
    expect(await learner.texts('RPUSH l 3 1 2\nSORT l LIMIT 0 2 STORE sorted\nLRANGE sorted 0 -1')).toEqual(['(integer) 3', '(integer) 2', '1) "1"\n2) "2"']);
  });
});
