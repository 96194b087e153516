import { describe, expect, it } from 'vitest';
import { explainScriptError, parseReadAnswer } from './customScripts';

describe('what a read script may answer', () => {
  it.each([
    [['hit', 'v'], { kind: 'hit', value: 'v' }],
    [['stale', 'v'], { kind: 'stale', value: 'v' }],
    [['stale', 'v', 't'], { kind: 'stale', value: 'v', token: 't' }],
    [['compute', 7], { kind: 'compute', token: '7' }],
    [['wait', 50], { kind: 'wait', ms: 50 }],
    [['wait', '25'], { kind: 'wait', ms: 25 }],
  ])('accepts %j', (reply, answer) => {
    expect(parseReadAnswer(reply)).toEqual(answer);
  });

  it.each([
    [
      null,
      "The read script returned nil (nothing, or false); it must return one of {'hit', value}, {'stale', value}, {'stale', value, token}, {'compute', token} or {'wait', ms}.",
    ],
    [1, 'The read script returned 1; it must return one of'],
    ['OK', "The read script returned 'OK'; it must return one of"],
    [['hit'], "The read script returned {'hit'}: a 'hit' needs the value it serves, {'hit', value}."],
    [['hit', 'v', 'w'], "The read script returned {'hit', 'v', 'w'}: 'hit' takes 1 value after it, not 2."],
    [['compute'], "The read script returned {'compute'}: a 'compute' needs the token the write script will get, {'compute', token}."],
    [['wait', 0], "The read script returned {'wait', 0}: a 'wait' needs the milliseconds to wait, from 1 to 60,000, e.g. {'wait', 50}."],
    [['wait', 'soon'], "The read script returned {'wait', 'soon'}: a 'wait' needs the milliseconds"],
    [['HIT', 'v'], "The read script returned {'HIT', 'v'}: 'HIT' is not one of the answers"],
    [[1, 'v'], "The read script returned {1, 'v'}; it must return one of"],
  ])('names the shape of %j in its sentence', (reply, sentence) => {
    const answer = parseReadAnswer(reply);
    expect('problem' in answer && answer.problem).toMatch(new RegExp(`^${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('Redis’s script errors, in the learner’s words', () => {
  it('names the line of a Lua error and drops the SHA1', () => {
    const message =
      "ERR user_script:3: Script attempted to access nonexistent global variable 'x' script: 3c4f1e0d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c, on @user_script:3.";
    expect(explainScriptError('read', message)).toEqual({
      sentence: "Your read script failed on line 3: Script attempted to access nonexistent global variable 'x'.",
      line: 3,
    });
  });

  it('names a compile error’s line', () => {
    const message = "ERR Error compiling script (new function): user_script:2: 'end' expected near '<eof>'";
    expect(explainScriptError('write', message)).toMatchObject({ line: 2, sentence: "Your write script failed on line 2: 'end' expected near '<eof>'." });
  });

  it('says a refused command is refused, and why', () => {
    const message =
      "ERR The user executing the script can't run this command or subcommand script: faa4e6afec7ba51d89423d7a1b5934490f9466c1, on @user_script:2.";
    expect(explainScriptError('read', message).sentence).toBe(
      "Your read script was refused on line 2: The user executing the script can't run this command or subcommand. A script in the race may use only your own keys (KEYS[1], KEYS[2]), and no commands that list or change the whole server.",
    );
  });

  it('says a killed script ran too long', () => {
    expect(explainScriptError('read', 'ERR Script killed by user with SCRIPT KILL...').sentence).toMatch(/^Your read script ran for longer than half a second/);
  });
});
