import { execFileSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { newLearner } from '../support/learner';

/**
 * Every case runs twice: through the app, in a fresh session namespace, and through the real
 * `redis-cli --no-raw` on an empty database of the same server. The printed text must match byte
 * for byte.
 */
const CASES: Record<string, string[]> = {
  'the seed lesson': [
    'SET cache:data "initial value"',
    'SET cache:lock "locked"',
    'GET cache:data',
    'SET cache:lock "locked" NX PX 30000',
    'DEL cache:lock',
    'SET cache:lock "locked" NX PX 30000',
  ],
  'double-quote escapes': ['SET e "a\\tb\\nc\\\\d\\"e\\r\\a\\b"', 'GET e', 'STRLEN e'],
  'hex escapes and UTF-8': ['SET b "h\\xc3\\xa9llo"', 'GET b', 'SET u "héllo ☃"', 'GET u', 'STRLEN u'],
  'single quotes': ["SET s 'it\\'s'", 'GET s', "SET t 'a\\nb'", 'GET t'],
  'binary data': ['SET bin "\\x00\\x01\\xff\\x7f"', 'GET bin', 'APPEND bin "\\x80"', 'GETRANGE bin 0 -1'],
  'status replies versus bulk strings': ['SET ok OK', 'GET ok', 'TYPE ok', 'PING', 'PING hi', 'ECHO "x y"'],
  'unbalanced and misplaced quotes': ['SET a "x y', 'SET c "a"b', "GET 'x", 'SET d "fine"', 'GET d'],
  'integers at the 64-bit edge': ['INCRBY big 9223372036854775806', 'INCR big', 'INCR big', 'DECRBY neg 9223372036854775807'],
  errors: ['GET', 'SET n notanumber', 'INCR n', 'LPUSH n x', 'foo bar baz', 'OBJECT nosuchthing', 'EVAL "return 1" notanumber'],
  'empty replies': ['LRANGE none 0 -1', 'KEYS nomatch*', 'HGETALL none', 'GET none', 'SMEMBERS none', 'ZRANGE none 0 -1'],
  'ten or more elements': ['RPUSH l 1 2 3 4 5 6 7 8 9 10 11 12', 'LRANGE l 0 -1', 'LRANGE l 0 2'],
  'nested replies from EVAL': [
    "EVAL \"return {1,{2,{3,'x'}},redis.status_reply('S'),{}}\" 0",
    'EVAL "return {err=\'custom failure\'}" 0',
    'EVAL "return redis.call(\'GET\', KEYS[1])" 1 cache:data',
    'EVAL "return KEYS[1]" 1 mykey',
  ],
  'nested replies from streams': ['XADD s 1-1 f v', 'XADD s 2-1 a 1 b 2', 'XRANGE s - +', 'XREAD COUNT 10 STREAMS s 0', 'XLEN s'],
  'hashes, sets and sorted sets': [
    'HSET h f1 v1 f2 v2',
    'HGETALL h',
    'HMGET h f1 nope',
    'SADD st only',
    'SMEMBERS st',
    'ZADD z 1.5 a 2 b',
    'ZRANGE z 0 -1 WITHSCORES',
    'ZSCORE z a',
    'INCRBYFLOAT f 1.5',
  ],
  'keys come back without the namespace': [
    'SET k1 1',
    'KEYS k*',
    'RPUSH q a',
    'BLPOP q 1',
    'LMPOP 2 nolist q LEFT',
    'RPUSH q b',
    'LMPOP 2 nolist q LEFT',
    'RENAME k1 k2',
    'EXISTS k1 k2',
  ],
  transactions: ['MULTI', 'SET a 1', 'INCR a', 'GET a', 'EXEC'],
  expiry: ['SET t v EX 100', 'TTL t', 'PERSIST t', 'TTL t', 'TTL none'],
  'sorting without patterns': ['RPUSH n 3 1 2', 'SORT n', 'SORT n DESC LIMIT 0 2'],
};

function viaRedisCli(lines: string[]): string {
  const port = String(inject('redisPort'));
  execFileSync('redis-cli', ['-p', port, '-n', '9', 'FLUSHDB']);
  return execFileSync('redis-cli', ['-p', port, '-n', '9', '--no-raw'], { input: `${lines.join('\n')}\n` }).toString('latin1');
}

describe('text is byte-identical to redis-cli --no-raw', () => {
  for (const [name, lines] of Object.entries(CASES)) {
    it(name, async () => {
      const learner = newLearner();
      const results = await learner.run(lines.join('\n'));
      const appText = results.map((r) => `${r.text}\n`).join('');
      expect(Buffer.from(appText, 'utf8').toString('latin1')).toBe(viaRedisCli(lines));
    });
  }
});
