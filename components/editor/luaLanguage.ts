import { conf, language } from 'monaco-editor/languages/definitions/lua/lua';
import type { Monaco } from './monacoSetup';

export const LUA_ID = 'lua';
let registered = false;

/**
 * Monaco's own Lua grammar (monaco-editor ships it as a basic language), registered once. The
 * core `monaco-editor/editor` entry leaves every language out, so it is added here by hand.
 */
export function registerLua(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LUA_ID, extensions: ['.lua'], aliases: ['Lua'] });
  monaco.languages.setMonarchTokensProvider(LUA_ID, language);
  monaco.languages.setLanguageConfiguration(LUA_ID, conf);
}
