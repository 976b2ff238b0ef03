/**
 * Wraps the local-search plugin's SearchBar so that its code (the search
 * bar, mark.js, the worker glue: about 10 KiB gzip) is not part of every
 * page's JS. Until the reader shows intent to search, a look-alike box is
 * rendered with the plugin's own classes; the real bar is loaded, and takes
 * the box's place, on the first pointer or touch on it, on focus, or on the
 * search shortcut (mod+K), which then focuses the real box as it would have.
 * A page opened from a search result (`?_highlight=`) loads it at once,
 * because the real bar is what marks the found words on the page.
 *
 * Text typed before the real bar arrives, while it replaces the look-alike
 * and before it takes the text over, ends up in the real box in the order
 * it was typed. Known limit: a key pressed in that window other than a
 * character (Enter, arrows, Backspace) is not replayed.
 */
import {useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {useLocation} from '@docusaurus/router';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {searchShortcut, shortcutHints, type Shortcut} from './shortcut';
import Placeholder, {type Handoff} from './Placeholder';

type SearchBarComponent = ComponentType<Record<string, unknown>>;

/** Once loaded, later mounts (the navbar remounts on some navigations) use it at once. */
let loadedSearchBar: SearchBarComponent | null = null;

/** The plugin's SearchBar, in its own chunk. */
const loadRealSearchBar = () =>
  import('@theme-original/SearchBar').then((m) => (loadedSearchBar = m.default as SearchBarComponent));

/** The search plugin's options as the site config gives them. */
function useSearchOptions(): {keymap?: string; hint: boolean} {
  const {siteConfig} = useDocusaurusContext();
  for (const entry of siteConfig.themes ?? []) {
    if (Array.isArray(entry) && entry[0] === '@easyops-cn/docusaurus-search-local') {
      const o = (entry[1] ?? {}) as {searchBarShortcut?: boolean; searchBarShortcutHint?: boolean; searchBarShortcutKeymap?: string};
      const enabled = o.searchBarShortcut !== false;
      return {keymap: enabled ? (o.searchBarShortcutKeymap ?? 'mod+k') : undefined, hint: enabled && o.searchBarShortcutHint !== false};
    }
  }
  return {keymap: 'mod+k', hint: true};
}

/**
 * Sets a React-controlled input's text the way typing would, so React sees
 * an input event, and puts the caret at the end.
 */
function typeInto(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.setSelectionRange(value.length, value.length);
}

/** After the real bar mounts, give it what the reader did to the look-alike. */
function TakeOver({handoff}: {handoff: Handoff}): null {
  // A passive effect, so it runs after the real bar's own mount effects
  // (one of them resets its index state when the docs version differs
  // from the site root; focusing before it would load the index twice).
  useEffect(() => {
    const input = document.querySelector<HTMLInputElement>('input.navbar__search-input');
    // From here on keys reach the real box (or wherever the reader goes).
    handoff.stopCatching?.();
    if (!input) return undefined;
    // What the reader types into the real box before the text is handed
    // over (the timeout below) comes after the look-alike's text.
    let typedHere = '';
    const onInput = (event: Event) => {
      const e = event as InputEvent;
      if (e.isTrusted && e.inputType === 'insertText' && e.data) typedHere += e.data;
      else if (e.isTrusted) typedHere = input.value; // deleted or pasted: the box is the reader's now
    };
    input.addEventListener('input', onInput);
    if (handoff.focused) input.focus();
    // On mount the real bar also resets its text to the page's `_highlight`
    // words (usually none) in a zero-delay timeout; this one is queued after it.
    const timer = setTimeout(() => {
      input.removeEventListener('input', onInput);
      if (!handoff.value) return;
      // Text other than the reader's is the real bar's own (the `_highlight`
      // words): it stays.
      if (input.value !== '' && input.value !== typedHere) return;
      typeInto(input, handoff.value + typedHere);
    });
    return () => {
      clearTimeout(timer);
      input.removeEventListener('input', onInput);
    };
  }, [handoff]);
  return null;
}

export default function SearchBarWrapper(props: Record<string, unknown>): ReactNode {
  const isBrowser = useIsBrowser();
  const {search} = useLocation();
  const {keymap, hint} = useSearchOptions();
  const shortcut: Shortcut | undefined = isBrowser && keymap ? searchShortcut(keymap) : undefined;
  // Null on the first page (the server rendered the look-alike; hydration
  // must match), the loaded component after that.
  const [RealSearchBar, setRealSearchBar] = useState<SearchBarComponent | null>(() => loadedSearchBar);
  const handoff = useRef<Handoff>({focused: false, value: ''}).current;
  const requested = useRef(false);
  const want = useCallback(() => {
    if (requested.current) return;
    requested.current = true;
    // Swapped in only once loaded, so the look-alike keeps focus and text
    // meanwhile (a Suspense fallback would remount it and lose both).
    loadRealSearchBar().then(
      (component) => setRealSearchBar(() => component),
      (error: unknown) => {
        requested.current = false; // a later intent tries again
        console.error('The search box could not be loaded', error);
      },
    );
  }, []);

  // Opened from a search result: the real bar highlights the words.
  useEffect(() => {
    if (new URLSearchParams(search).has('_highlight')) want();
  }, [search, want]);

  if (!RealSearchBar) {
    return <Placeholder handoff={handoff} onIntent={want} shortcut={shortcut} hints={hint && shortcut ? shortcutHints(keymap!) : []} />;
  }
  return (
    <>
      <RealSearchBar {...props} />
      <TakeOver handoff={handoff} />
    </>
  );
}
