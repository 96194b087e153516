import { describe, expect, it } from 'vitest';
import { newLearner } from '../support/learner';

const refused = (name: string) => new RegExp(`^\\(error\\) ERR '${name}' is not available in the playground: \\w`);

/** Each line must be refused with a sentence, whatever the Redis categories say the reason is. */
const FORBIDDEN: [string, string][] = [
  ['FLUSHALL', 'flushall'],
  ['FLUSHDB', 'flushdb'],
  ['SELECT 1', 'select'],
  ['SWAPDB 0 1', 'swapdb'],
  ['MOVE cache:data 1', 'move'],
  ['COPY a b DB 1', 'copy'],
  ['MIGRATE 127.0.0.1 6379 k 0 1000', 'migrate'],
  ['CONFIG GET maxmemory', 'config get'],
  ['CONFIG SET maxmemory 1', 'config set'],
  ['DEBUG SLEEP 0', 'debug'],
  ['SHUTDOWN NOSAVE', 'shutdown'],
  ['MONITOR', 'monitor'],
  ['SUBSCRIBE news', 'subscribe'],
  ['PSUBSCRIBE *', 'psubscribe'],
  ['SSUBSCRIBE news', 'ssubscribe'],
  ['PUBLISH news hello', 'publish'],
  ['CLIENT LIST', 'client list'],
  ['CLIENT KILL TYPE normal', 'client kill'],
  ['ACL WHOAMI', 'acl whoami'],
  ['MODULE LIST', 'module list'],
  ['SCRIPT FLUSH', 'script flush'],
  ['FUNCTION LIST', 'function list'],
  ['FCALL f 0', 'fcall'],
  ['RANDOMKEY', 'randomkey'],
  ['DBSIZE', 'dbsize'],
  ['INFO', 'info'],
  ['SORT list BY weight_*', 'sort'],
  ['SORT list GET #', 'sort'],
  ['SORT_RO list by w_*', 'sort_ro'],
  ['REPLICAOF NO ONE', 'replicaof'],
  ['SLAVEOF NO ONE', 'slaveof'],
  ['SAVE', 'save'],
  ['BGSAVE', 'bgsave'],
  ['BGREWRITEAOF', 'bgrewriteaof'],
  ['LASTSAVE', 'lastsave'],
  ['WAIT 0 0', 'wait'],
  ['HELLO 3', 'hello'],
  ['AUTH default secret', 'auth'],
  ['RESET', 'reset'],
  ['MEMORY STATS', 'memory stats'],
  ['OBJECT HELP', ''],
];

describe('the command policy', () => {
  for (const [line, name] of FORBIDDEN.filter(([, n]) => n)) {
    it(`refuses ${line}`, async () => {
      const [result] = await newLearner().run(line);
      expect(result!.ok).toBe(false);
      expect(result!.text).toMatch(refused(name));
    });
  }

  it('keeps the help of container commands open', async () => {
    const [result] = await newLearner().run('OBJECT HELP');
    expect(result!.ok).toBe(true);
  });

  it('caps a blocking command that would wait forever', async () => {
    const [result] = await newLearner().run('BLPOP nothing:here 0');
    expect(result!.text).toBe('(nil)');
  });

  it('lets an error on one line not stop the next', async () => {
    const texts = await newLearner().texts('SET a 1\nFLUSHALL\nINCR a\nfoo\nGET a');
    expect(texts).toEqual([
      'OK',
      expect.stringMatching(refused('flushall')),
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
});

describe('isolation between sessions', () => {
  it('never shows one session the keys of another', async () => {
    const alice = newLearner();
    const bob = newLearner();
    await alice.run('SET secret alice-only\nRPUSH queue job');
    expect(await bob.texts('GET secret\nKEYS *\nEXISTS secret queue\nLLEN queue')).toEqual([
      '(nil)',
      '(empty array)',
      '(integer) 0',
      '(integer) 0',
    ]);
    expect(await alice.texts('GET secret')).toEqual(['"alice-only"']);
  });

  it('confines SCAN to the session, whatever MATCH says', async () => {
    const alice = newLearner();
    const bob = newLearner();
    await alice.run('MSET a:1 x a:2 y');
    await bob.run('SET b:1 z');
    const seen: string[] = [];
    let cursor = '0';
    do {
      const [result] = await bob.run(`SCAN ${cursor} MATCH * COUNT 1000`);
      const reply = result!.reply as [string, string[]];
      cursor = reply[0];
      seen.push(...reply[1]);
    } while (cursor !== '0');
    expect(seen).toEqual(['b:1']);
  });

  it('never lets the namespace show in a reply', async () => {
    const learner = newLearner();
    const results = await learner.run(
      'SET k v\nKEYS *\nSCAN 0\nRPUSH q a\nBLPOP q 1\nEVAL "return KEYS[1]" 1 k\nEVAL "return redis.call(\'GET\', KEYS[1])" 1 k\nOBJECT ENCODING k',
    );
    for (const result of results) {
      expect(result.text).not.toContain(learner.session.namespace.id);
      expect(JSON.stringify(result.reply)).not.toContain(learner.session.namespace.id);
    }
  });

  it('renames and copies only within the session', async () => {
    const alice = newLearner();
    const bob = newLearner();
    await alice.run('SET target alice');
    await bob.run('SET mine bob\nRENAME mine target\nCOPY target copy');
    expect(await alice.texts('GET target\nEXISTS copy')).toEqual(['"alice"', '(integer) 0']);
    expect(await bob.texts('GET target\nGET copy')).toEqual(['"bob"', '"bob"']);
  });
});
