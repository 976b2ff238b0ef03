/**
 * Docusaurus 3.10's CodeBlock, less one thing: it remounted every code block
 * right after hydration (`key={String(isBrowser)}`) so that blocks rendered
 * with the light Prism theme on the server would pick up the dark one. The
 * colour mode context already does that: it hydrates with the default mode
 * and switches in an effect, which re-renders the blocks with the reader's
 * theme as an ordinary update. The remount only cost time: every block
 * tokenised and rebuilt a second time on load, the largest share of the
 * main thread's blocking time on listing-heavy chapters.
 * tests/browser/performance.test.ts checks the dark colours.
 */
import {Children, isValidElement, type ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';

/** The children as one string when they are only text, so they can be copied. */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((el) => isValidElement(el))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({children: rawChildren, ...props}: Props): ReactNode {
  const children = maybeStringifyChildren(rawChildren);
  if (typeof children === 'string') return <StringContent {...props}>{children}</StringContent>;
  return <ElementContent {...props}>{children}</ElementContent>;
}
