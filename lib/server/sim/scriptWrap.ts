import 'server-only';
import { randomBytes } from 'node:crypto';

/**
 * How a learner's script is wrapped before Redis runs it in a race. Redis's rules for the
 * session's user are the boundary (they hold whatever the script does); the wrapper is there for
 * the race's own bookkeeping, which must not take the script's word for anything:
 *
 * - Its time is measured by Redis's clock around the learner's code, so the race's share of Redis
 *   is counted in Redis's time, not in round trips a busy app server makes longer.
 * - What it answers is checked for size before it leaves Redis: a reply of megabytes would be
 *   copied to the app 10,000 times.
 *
 * The learner's code runs inside a function. It cannot close that function early: the race starts
 * only if the code also compiles on its own (`checkForm`), and a block that compiles on its own ends
 * exactly where it began. Nor can it reach the wrapper's locals: their names end in a random suffix
 * it cannot know. A courtesy sits on top: an argument of more than 64 KB to redis.call, or a
 * string.rep that large, is an error with a sentence rather than a write that fills the session.
 * Everything the wrapper adds before the learner's code is on their line 1, so Redis's line
 * numbers are theirs.
 */
const S = randomBytes(8).toString('hex');
export const MAX_VALUE_BYTES = 64 * 1024;

const PROLOGUE =
  `local call_${S}, pcall_${S}, rep_${S}, select_${S}, type_${S}, error_${S} = redis.call, redis.pcall, string.rep, select, type, error; ` +
  `local function check_${S}(...) for i = 1, select_${S}('#', ...) do local a = select_${S}(i, ...); if type_${S}(a) == 'string' and #a > ${MAX_VALUE_BYTES} then error_${S}('an argument of more than 64 KB; the race keeps values small', 3) end end end; ` +
  `local redis = setmetatable({call = function(...) check_${S}(...) return call_${S}(...) end, pcall = function(...) check_${S}(...) return pcall_${S}(...) end}, {__index = redis}); ` +
  `local string = setmetatable({rep = function(s, n, sep) if #s * n > ${MAX_VALUE_BYTES} then error_${S}('string.rep of more than 64 KB; the race keeps values small', 2) end return rep_${S}(s, n, sep) end}, {__index = string}); `;

/** The learner's script as they wrote it, after the prologue: Redis's compile errors name their lines. */
export const checkForm = (source: string) => PROLOGUE + source;

/** Why a reply may not leave Redis (too big, or nested), as words for the learner; nil when it may. */
const REPLY_CHECK =
  `local function why_${S}(r) ` +
  `if type_${S}(r) == 'string' and #r > ${MAX_VALUE_BYTES} then return 'a value of ' .. #r .. ' bytes' end ` +
  `if type_${S}(r) ~= 'table' then return nil end ` +
  `if #r > 8 then return 'a table of ' .. #r .. ' items' end ` +
  `for i = 1, #r do local v = r[i]; if type_${S}(v) == 'table' then return 'a table inside its table' end; ` +
  `if type_${S}(v) == 'string' and #v > ${MAX_VALUE_BYTES} then return 'a value of ' .. #v .. ' bytes' end end ` +
  `return nil end; `;

/**
 * What runs. Its last argument (taken off ARGV before the learner's code sees it) is a deadline on
 * Redis's clock in µs (0: none): a script that starts after it answers at once without running the
 * learner's code, so that when one script of a pipelined chunk loops until it is killed, the rest
 * of the chunk does not run after it (the pump sends them again). Answers
 * {µs of Redis's time, Redis's clock at the end in µs, why the reply was held back or false, the reply};
 * `why` is 'late' for a script that did not run.
 */
export const LATE = 'late';
export const runForm = (source: string) =>
  `local dl_${S} = tonumber(table.remove(ARGV)); local t0_${S} = redis.call('TIME'); local s0_${S} = t0_${S}[1] * 1000000 + t0_${S}[2]; ` +
  `if dl_${S} > 0 and s0_${S} > dl_${S} then return {0, s0_${S}, '${LATE}'} end; ` +
  `${PROLOGUE}${REPLY_CHECK}local reply_${S} = (function() ${source}\nend)(); ` +
  `local t1_${S} = call_${S}('TIME'); local s1_${S} = t1_${S}[1] * 1000000 + t1_${S}[2]; ` +
  `local why = why_${S}(reply_${S}); if why then return {s1_${S} - s0_${S}, s1_${S}, why} end; return {s1_${S} - s0_${S}, s1_${S}, false, reply_${S}}`;
