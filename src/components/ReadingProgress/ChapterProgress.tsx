import {useEffect, type ReactNode} from 'react';
import {useDocsSidebar} from '@docusaurus/plugin-content-docs/client';
import type {PropSidebarItem} from '@docusaurus/plugin-content-docs';
import {recordVisit, setDone, useProgress} from './store';
import styles from './ChapterProgress.module.css';

export interface Props {
  /** Doc id of the chapter (the same in every version). */
  id: string;
  /** Docs version name: 'current' (Next) or a release such as '1.0'. */
  version: string;
}

/** Sidebar link targets by doc id, categories included. */
function sidebarHrefs(items: readonly PropSidebarItem[], out = new Map<string, string>()): Map<string, string> {
  for (const item of items) {
    if (item.type === 'link' && item.docId) out.set(item.docId, item.href);
    if (item.type === 'category') sidebarHrefs(item.items, out);
  }
  return out;
}

/**
 * Check marks for done chapters in the sidebar, as a style rule on their
 * links: cheaper than wrapping every sidebar item, and drawn in the link's
 * right padding so no label reflows. Screen readers read "done".
 */
function SidebarMarks({done}: {done: readonly string[]}): ReactNode {
  const hrefs = sidebarHrefs(useDocsSidebar()?.items ?? []);
  const links = done.flatMap((id) => (hrefs.has(id) ? [`.menu__link[href="${hrefs.get(id)}"]`] : []));
  if (links.length === 0) return null;
  return (
    <style>
      {`${links.join()}{position:relative}` +
        `${links.map((l) => `${l}::after`).join()}{content:"✓"/"done";position:absolute;top:50%;right:.15rem;` +
        'transform:translateY(-50%);font-size:.8rem;color:var(--ifm-color-primary)}'}
    </style>
  );
}

/**
 * End of a tutorial chapter: remembers it as the last one visited and
 * offers "Mark this part as done". Loaded lazily, after hydration, by
 * src/theme/DocItem/Footer, which reserves its space in the static page.
 */
export default function ChapterProgress({id, version}: Props): ReactNode {
  const progress = useProgress();
  useEffect(() => recordVisit(id, version), [id, version]);
  if (!progress) return null;
  const done = progress.done.includes(id);
  return (
    <>
      <button
        type="button"
        className={`button button--primary${done ? '' : ' button--outline'}`}
        aria-pressed={done}
        onClick={() => setDone(id, !done)}>
        <span aria-hidden="true" className={styles.box}>
          {done ? '✓' : ''}
        </span>
        Mark this part as done
      </button>
      <span className={styles.note}>Saved in this browser only.</span>
      <SidebarMarks done={progress.done} />
    </>
  );
}
