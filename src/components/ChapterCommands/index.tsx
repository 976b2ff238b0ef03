import {isValidElement, useEffect, useRef, useState, type ReactNode} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import styles from './styles.module.css';

export interface Props {
  /** How many commands it runs. */
  count: number;
  /**
   * How many more it holds commented out: blocks the chapter marks as
   * alternatives or optional. Counted apart so the button's number is
   * what runs when the script is pasted.
   */
  commented?: number;
  /**
   * The chapter's commands as one bash script (src/remark/chapter-commands.ts),
   * as a code block shown folded. The button copies this block's text, so
   * the page's JS holds the script once and the copy is what the preview shows.
   */
  children: ReactNode;
}

/** The text inside a rendered Markdown code block (`<pre><code>…</code></pre>`). */
function textOf(node: ReactNode): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(textOf).join('');
  return isValidElement<{children?: ReactNode}>(node) ? textOf(node.props.children) : '';
}

/** How long the "copied" confirmation stays on screen. */
const MESSAGE_MS = 6000;

/**
 * "Copy all N commands of this part", inserted at the top of every tutorial
 * chapter by src/remark/chapter-commands.ts, with the script readable in a
 * native <details> that works without JavaScript. The button only works
 * with JavaScript, so until the page has hydrated it keeps its place but is
 * invisible (no layout shift when it appears, no dead button without JS).
 */
export default function ChapterCommands({count, commented = 0, children}: Props): ReactNode {
  const isBrowser = useIsBrowser();
  const noun = count === 1 ? 'command' : 'commands';
  const aside = commented === 0 ? '' : `, plus ${commented} commented out`;
  const [message, setMessage] = useState('');
  const details = useRef<HTMLDetailsElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const say = (text: string) => {
    clearTimeout(timer.current);
    // Cleared first, so the same message twice is announced twice.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
    timer.current = setTimeout(() => setMessage(''), MESSAGE_MS);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(textOf(children));
      say(`Copied ${count} ${noun} to the clipboard${aside}.`);
    } catch {
      // No clipboard access (permission refused, insecure context): show
      // the script so it can be selected by hand.
      if (details.current) details.current.open = true;
      say('Could not copy to the clipboard. The commands are shown below: select and copy them.');
    }
  };

  return (
    <div className={`chapter-commands ${styles.box}`}>
      <button
        type="button"
        className="button button--outline button--primary"
        style={isBrowser ? undefined : {visibility: 'hidden'}}
        onClick={copy}>
        Copy all {count} {noun} of this part
      </button>{' '}
      <span role="status" aria-live="polite">
        {message}
      </span>
      <details ref={details}>
        <summary>Show the {noun} as one script</summary>
        {children}
      </details>
    </div>
  );
}
