export interface ScriptCommand {
  /** 1-based line number in the script, for pointing at the line that failed. */
  line: number;
  /** The line as typed, without a Windows line ending. */
  command: string;
}

// The blanks C's isspace() knows, so a "blank" line is one redis-cli would split into no arguments.
const LEADING_BLANKS = /^[ \t\v\f\r]*/;

/** Splits a script into one command per line, skipping blank lines and `#` or `//` comments. */
export function splitScript(script: string): ScriptCommand[] {
  const commands: ScriptCommand[] = [];
  script.split('\n').forEach((raw, index) => {
    const command = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const text = command.replace(LEADING_BLANKS, '');
    if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
    commands.push({ line: index + 1, command });
  });
  return commands;
}
