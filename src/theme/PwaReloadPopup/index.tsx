/**
 * The "new version" notice of @docusaurus/plugin-pwa, shown when a reader
 * with the site cached returns after a deploy (the new service worker is
 * waiting). Replaces the plugin's popup to make it accessible: a polite
 * live region so screen readers announce it without moving focus, a
 * visible text on both buttons, and the site's own colours (AA in light
 * and dark mode). Loaded lazily by the plugin, only when needed.
 */
import {useState, type ReactNode} from 'react';
import type {Props} from '@theme/PwaReloadPopup';
import styles from './styles.module.css';

export default function PwaReloadPopup({onReload}: Props): ReactNode {
  const [isVisible, setIsVisible] = useState(true);
  if (!isVisible) return null;
  return (
    <div role="status" aria-live="polite" className={`alert alert--info ${styles.popup}`}>
      <p>A new version of this site is ready. Reload to read it; until then you see the copy stored for offline use.</p>
      <div className={styles.buttons}>
        <button
          type="button"
          className="button button--primary button--sm"
          onClick={() => {
            setIsVisible(false);
            onReload();
          }}>
          Reload
        </button>
        <button type="button" className="button button--secondary button--outline button--sm" onClick={() => setIsVisible(false)}>
          Not now
        </button>
      </div>
    </div>
  );
}
