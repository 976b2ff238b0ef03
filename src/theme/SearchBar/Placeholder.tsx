/**
 * What the search box looks like before its code has loaded: the same
 * elements and classes as the plugin's SearchBar (0.55), so nothing moves
 * when the real one takes its place. Any sign that the reader wants to
 * search calls onIntent.
 */
import {useEffect, useLayoutEffect, useRef, type ReactNode} from 'react';
import clsx from 'clsx';
import {translate} from '@docusaurus/Translate';
import styles from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/SearchBar/SearchBar.module.css';
import LoadingRing from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/LoadingRing/LoadingRing';
import type {Shortcut} from './shortcut';

/** What the look-alike hands to the real box when it goes. */
export interface Handoff {
  focused: boolean;
  value: string;
  /** Stops adding keys typed while no box has the focus (see catchStrayKeys). */
  stopCatching?: () => void;
}

/** A key that types one character (not a shortcut, not Enter or an arrow). */
function typedCharacter(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  return [...event.key].length === 1 ? event.key : null;
}

/**
 * Between the look-alike leaving the page and the real box taking the
 * focus (React commits, then runs effects, possibly in a later task) the
 * focus is on <body>, and keys typed then would be lost. Until the real
 * box takes over, characters typed outside any text field are added to
 * the handed-over text.
 */
function catchStrayKeys(handoff: Handoff): void {
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const character = typedCharacter(event);
    if (character === null) return;
    event.preventDefault();
    handoff.value += character;
  };
  document.addEventListener('keydown', onKeyDown, true);
  handoff.stopCatching = () => {
    document.removeEventListener('keydown', onKeyDown, true);
    handoff.stopCatching = undefined;
  };
}

interface Props {
  handoff: Handoff;
  onIntent: () => void;
  /** Set in the browser when the search shortcut is on. */
  shortcut?: Shortcut;
  hints: string[];
}

export default function Placeholder({handoff, onIntent, shortcut, hints}: Props): ReactNode {
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shortcut) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!shortcut(event)) return;
      // What the real box does on the shortcut; it will keep the focus.
      event.preventDefault();
      inputRef.current?.focus();
      onIntent();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [shortcut, onIntent]);

  // Read focus and text while the element is still in the page: React runs
  // this cleanup before it removes the look-alike for the real box.
  useLayoutEffect(() => {
    const input = inputRef.current;
    return () => {
      handoff.focused = !!input && document.activeElement === input;
      handoff.value = input?.value ?? '';
      if (handoff.focused) catchStrayKeys(handoff);
    };
  }, [handoff]);

  const label = translate({id: 'theme.SearchBar.label', message: 'Search', description: 'The ARIA label and placeholder for search button'});
  return (
    <div className={clsx('navbar__search', styles.searchBarContainer)} dir="ltr">
      <svg aria-hidden="true" className={styles.searchIcon} focusable="false" viewBox="0 0 16 16">
        <path fill="currentColor" d="M6.02945 10.20327a4.17382 4.17382 0 1 1 4.17382-4.17382 4.15609 4.15609 0 0 1-4.17382 4.17382Zm9.69195 4.2199-4.8225-4.82338A5.88021 5.88021 0 0 0 12.058 6.02856 6.00467 6.00467 0 1 0 9.59979 10.8989l4.82338 4.82338a.89729.89729 0 0 0 1.29912 0 .89749.89749 0 0 0-.00087-1.29909Z" />
      </svg>
      <input
        ref={inputRef}
        placeholder={label}
        aria-label={label}
        className={`navbar__search-input ${styles.searchInput}`}
        onFocus={onIntent}
        onPointerEnter={onIntent}
        onPointerDown={onIntent}
        onTouchStart={onIntent}
      />
      <LoadingRing className={styles.searchBarLoadingRing} />
      {hints.length > 0 && (
        <div className={styles.searchHintContainer}>
          {hints.map((hint, index) => (
            <kbd key={index} className={styles.searchHint}>
              {hint}
            </kbd>
          ))}
        </div>
      )}
    </div>
  );
}
