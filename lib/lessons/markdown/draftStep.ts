import { commandsOn, parseLog, setTtlMs } from '../checks/log';
import type { KeyState, LessonSnapshot } from '../types';

/**
 * "Save as a step": the learner's current keys and last commands as a draft step of a Markdown
 * lesson, with the `check` block that would pass on exactly this state. The teacher edits the text
 * and pastes it into a lesson file.
 */

const MAX_KEYS = 10;
const MAX_COMMANDS = 5;
/** A longer string is checked by type only: a check line is for reading, not for a dump. */
const MAX_VALUE_CHARS = 200;
/** A TTL check accepts down to this share of the TTL that was set: time passes between a run and its check. */
const TTL_SLACK = 0.8;

/** A word a check line reads back exactly as written (redis-cli's quoting): bare when it can be. */
function quote(word: string): string {
  if (/^[^\s"'\\]+$/.test(word)) return word;
  const escaped = word
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\x00-\x1f\x7f]/g, (c) => {
      const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
      return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    });
  return `"${escaped}"`;
}

const typeName = (state: KeyState) => (state.type === 'other' ? state.redisType : state.type);

/** The TTL range a check should accept: from what was set (or what is left) down to TTL_SLACK of it, in whole seconds. */
function ttlRange(key: string, ttlMs: number, snapshot: LessonSnapshot): string {
  const asked = commandsOn(parseLog(snapshot.log), 'SET', key)
    .map(setTtlMs)
    .filter((ms): ms is number => ms !== undefined)
    .at(-1);
  const max = asked !== undefined && asked >= ttlMs ? asked : Math.ceil(ttlMs / 1000) * 1000;
  return `${Math.floor((max * TTL_SLACK) / 1000) * 1000}..${max}`;
}

function keyLines(key: string, state: KeyState, snapshot: LessonSnapshot): string[] {
  const name = quote(key);
  const lines =
    state.type === 'string' && state.value.length <= MAX_VALUE_CHARS ? [`value ${name} ${quote(state.value)}`] : [`type ${name} ${typeName(state)}`];
  if (state.ttlMs !== null) lines.push(`ttl ${name} ${ttlRange(key, state.ttlMs, snapshot)}`);
  return lines;
}

/** The draft step's Markdown, or undefined when the session has neither keys nor commands to draft from. */
export function draftStep(snapshot: LessonSnapshot): string | undefined {
  const keys = Object.keys(snapshot.keys).sort().slice(0, MAX_KEYS);
  const commands = snapshot.log.filter((entry) => entry.ok && !entry.text.startsWith('(error)')).slice(-MAX_COMMANDS);
  if (keys.length === 0 && commands.length === 0) return undefined;
  const checks = keys.flatMap((key) => keyLines(key, snapshot.keys[key]!, snapshot));
  const last = commands.at(-1);
  // A one-line reply can be checked as printed; a longer one, by the command having run.
  if (last) checks.push(last.text.includes('\n') ? `ran ${last.command.trim()}` : `replied ${last.command.trim()} => ${last.text}`);
  const fence = (lang: string, lines: string[]) => ['```' + lang, ...lines, '```'];
  return [
    '## Name this step',
    '',
    'Say what the learner should bring about, without giving the commands away.',
    '',
    ...(commands.length
      ? [
          ...fence(
            'redis',
            commands.map((c) => c.command.trim()),
          ),
          '',
        ]
      : []),
    ...fence('check', checks),
    '',
    ...fence('hint', ['A nudge for a learner who is stuck.']),
    '',
  ].join('\n');
}
