import { readLine, type CommandIndex, type CommandMeta } from './commandIndex';
import { partForToken, requiredCount, syntaxParts } from './syntax';

/** A completion as plain data; the editor adapter turns it into a Monaco item. */
export interface Suggestion {
  label: string;
  kind: 'command' | 'option';
  insertText: string;
  detail: string;
  documentation: string;
  /** Keeps commands in alphabetical order and options in syntax order. */
  sortText: string;
}

function describe(command: CommandMeta): string {
  return command.group ? `${command.summary}\n\nGroup: ${command.group}` : command.summary;
}

function commandSuggestion(command: CommandMeta, insertText: string, position: number): Suggestion {
  return {
    label: insertText,
    kind: 'command',
    insertText,
    detail: command.syntax,
    documentation: describe(command),
    sortText: String(position).padStart(5, '0'),
  };
}

function commandSuggestions(index: CommandIndex): Suggestion[] {
  // Refused commands are left out: offering them would only lead to an error.
  const allowed = [...index.byName.values()].filter((c) => c.allowed).sort((a, b) => a.name.localeCompare(b.name));
  return allowed.map((command, i) => commandSuggestion(command, command.name, i));
}

function subcommandSuggestions(index: CommandIndex, container: string): Suggestion[] {
  return (index.subcommands.get(container) ?? [])
    .map((sub) => ({ sub, command: index.byName.get(`${container} ${sub}`) }))
    .filter((e): e is { sub: string; command: CommandMeta } => e.command?.allowed === true)
    .sort((a, b) => a.sub.localeCompare(b.sub))
    .map(({ sub, command }, i) => commandSuggestion(command, sub, i));
}

function optionSuggestions(command: CommandMeta, args: readonly string[]): Suggestion[] {
  const parts = syntaxParts(command);
  // Options only make sense once the required arguments (key, value, …) are typed.
  if (args.length < requiredCount(parts)) return [];
  const used = new Set(args.map((a) => a.toUpperCase()));
  const tokens = [...new Set(command.tokens.map((t) => t.toUpperCase()))].filter((t) => !used.has(t));
  return tokens.map((token, i) => ({
    label: token,
    kind: 'option',
    insertText: token,
    detail: `${command.name} option`,
    documentation: partForToken(parts, token)?.text ?? command.syntax,
    sortText: String(i).padStart(5, '0'),
  }));
}

/** What to offer at the cursor, given the line's text left of it. */
export function getCompletions(index: CommandIndex, beforeCursor: string): Suggestion[] {
  const context = readLine(index, beforeCursor);
  switch (context.kind) {
    case 'command':
      return commandSuggestions(index);
    case 'subcommand':
      return subcommandSuggestions(index, context.container);
    case 'argument':
      return context.command ? optionSuggestions(context.command, context.args) : [];
    case 'none':
      return [];
  }
}
