// monaco-editor ships its basic languages without type declarations.
declare module 'monaco-editor/languages/definitions/lua/lua' {
  import type { languages } from 'monaco-editor/editor';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
