/** The search shortcut, parsed and hinted by the search plugin's own code. */
import {getKeymapHints, matchesKeymap, parseKeymap} from '@easyops-cn/docusaurus-search-local/dist/client/client/utils/keymap';
import {isMacPlatform} from '@easyops-cn/docusaurus-search-local/dist/client/client/utils/platform';

export type Shortcut = (event: KeyboardEvent) => boolean;

/** A test for the keymap (e.g. `mod+k`: Cmd+K on a Mac, Ctrl+K elsewhere). Browser only. */
export function searchShortcut(keymap: string): Shortcut {
  const parsed = parseKeymap(keymap);
  return (event) => matchesKeymap(event, parsed);
}

/** The key caps the real box shows (`ctrl` `K`, or `⌘` `K` on a Mac). Browser only. */
export function shortcutHints(keymap: string): string[] {
  return getKeymapHints(keymap, isMacPlatform());
}
