import { buildCommandIndex, EMPTY_INDEX, type CommandIndex, type CommandMeta } from './language/commandIndex';
import { getCompletions } from './language/completion';
import { getHover } from './language/hover';
import { buildMonarchLanguage, LANGUAGE_ID, languageConfiguration } from './language/monarch';
import { getSignatureHelp } from './language/signature';
import type { Monaco } from './monacoSetup';

export const THEME_ID = 'stampede-dark';

// Providers are registered once per page and read the latest metadata from here, so metadata
// arriving later upgrades them without re-registering anything.
let index: CommandIndex = EMPTY_INDEX;
let registered = false;

/** Registers the redis-cli language, its help providers and theme; safe to call on every mount. */
export function registerRedisLanguage(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  const { languages } = monaco;
  languages.register({ id: LANGUAGE_ID });
  languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
  languages.setMonarchTokensProvider(LANGUAGE_ID, buildMonarchLanguage(index));

  languages.registerCompletionItemProvider(LANGUAGE_ID, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const beforeCursor = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const suggestions = getCompletions(index, beforeCursor).map((s) => ({
        label: s.label,
        kind: s.kind === 'command' ? languages.CompletionItemKind.Function : languages.CompletionItemKind.Keyword,
        insertText: s.insertText,
        detail: s.detail,
        documentation: s.documentation,
        sortText: s.sortText,
        range,
      }));
      return { suggestions };
    },
  });

  languages.registerSignatureHelpProvider(LANGUAGE_ID, {
    signatureHelpTriggerCharacters: [' '],
    signatureHelpRetriggerCharacters: [' '],
    provideSignatureHelp(model, position) {
      const beforeCursor = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const help = getSignatureHelp(index, beforeCursor);
      if (!help) return null;
      const signature = { label: help.label, documentation: help.documentation, parameters: help.parameters.map((label) => ({ label })) };
      // An index past the last parameter is Monaco's way of highlighting none.
      const activeParameter = help.activeParameter === -1 ? help.parameters.length : help.activeParameter;
      return { value: { signatures: [signature], activeSignature: 0, activeParameter }, dispose: () => {} };
    },
  });

  languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const hover = getHover(index, model.getLineContent(position.lineNumber), position.column);
      if (!hover) return null;
      const { lineNumber } = position;
      return {
        range: { startLineNumber: lineNumber, endLineNumber: lineNumber, startColumn: hover.startColumn, endColumn: hover.endColumn },
        contents: hover.contents.map((value) => ({ value })),
      };
    },
  });

  monaco.editor.defineTheme(THEME_ID, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '7cc4fa', fontStyle: 'bold' },
      { token: 'keyword.refused', foreground: 'f0a35e', fontStyle: 'strikethrough' },
      { token: 'keyword.option', foreground: 'c3a6ff' },
      { token: 'string', foreground: 'a5d6a7' },
      { token: 'string.invalid', foreground: 'ff8a80', fontStyle: 'underline' },
      { token: 'number', foreground: 'f6c177' },
      { token: 'comment', foreground: '8b93a7', fontStyle: 'italic' },
      { token: 'identifier', foreground: 'e6e9ef' },
    ],
    colors: {
      'editor.background': '#171a21',
      'editor.lineHighlightBackground': '#1f2430',
      'editorLineNumber.foreground': '#566074',
      'editorLineNumber.activeForeground': '#a9b3c6',
    },
  });
}

/** Upgrades highlighting and help once the server has described its commands. */
export function applyCommandMetadata(monaco: Monaco, commands: readonly CommandMeta[]): void {
  index = buildCommandIndex(commands);
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, buildMonarchLanguage(index));
}
