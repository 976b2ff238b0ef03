/**
 * Ejected from @docusaurus/theme-classic 3.10's CodeBlock/Content, with one
 * change: a code block that is on the page when it loads keeps the lines
 * the server rendered instead of hydrating them.
 *
 * Why: listing tokens are most of a chapter's DOM (3,667 of docker-layer's
 * 4,849 elements), and hydrating them meant tokenising every listing again
 * and matching each token's element, the largest share of the main
 * thread's blocking time on a phone. The server's lines are exactly what
 * the client would render, so during hydration the <code> element is
 * given an empty dangerouslySetInnerHTML: React then neither creates nor
 * checks its children and leaves the server's in place.
 *
 * The block renders its lines as usual (and React replaces the server's)
 * as soon as they would differ: the reader's colour mode gives another
 * Prism theme (the server renders the default, light), or the code
 * changes. Blocks mounted later (client-side navigation) render normally.
 * tests/browser/performance.test.ts checks the colours in both modes and
 * that a hydrated listing keeps its tokens.
 */
import {forwardRef, useRef, type ComponentProps, type CSSProperties, type ReactNode} from 'react';
import clsx from 'clsx';
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {useCodeBlockContext} from '@docusaurus/theme-common/internal';
import {usePrismTheme} from '@docusaurus/theme-common';
import {Highlight} from 'prism-react-renderer';
import Line from '@theme/CodeBlock/Line';
import styles from '@docusaurus/theme-classic/lib/theme/CodeBlock/Content/styles.module.css';

/**
 * One object for every render: React 19 rewrites innerHTML whenever the
 * dangerouslySetInnerHTML object is a new one, even with the same string,
 * which would empty the block on its first re-render.
 */
const SERVER_LINES = {__html: ''};

const Pre = forwardRef<HTMLPreElement, ComponentProps<'pre'>>((props, ref) => (
  // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
  <pre ref={ref} tabIndex={0} {...props} className={clsx(props.className, styles.codeBlock, 'thin-scrollbar')} />
));

/** The <code> element's own props, as the theme renders them. */
function useCodeProps(): {className: string; style: CSSProperties} {
  const {metadata} = useCodeBlockContext();
  return {
    className: clsx(styles.codeBlockLines, metadata.lineNumbersStart !== undefined && styles.codeBlockLinesWithNumbering),
    style: {counterReset: metadata.lineNumbersStart === undefined ? undefined : `line-count ${metadata.lineNumbersStart - 1}`},
  };
}

/**
 * True while the block should keep the server's lines: it was hydrated
 * (not mounted later), and nothing that shapes its lines has changed
 * since. Once false, it stays false.
 */
function useKeepServerLines(code: string, theme: unknown): boolean {
  const isBrowser = useIsBrowser();
  const hydrated = useRef<{code: string; theme: unknown} | null>(ExecutionEnvironment.canUseDOM && !isBrowser ? {code, theme} : null);
  if (hydrated.current && (hydrated.current.code !== code || hydrated.current.theme !== theme)) hydrated.current = null;
  return hydrated.current !== null;
}

export default function CodeBlockContent({className: classNameProp}: {className?: string}): ReactNode {
  const {metadata, wordWrap} = useCodeBlockContext();
  const prismTheme = usePrismTheme();
  const {code, language, lineNumbersStart, lineClassNames} = metadata;
  const codeProps = useCodeProps();
  const keep = useKeepServerLines(code, prismTheme);
  if (keep) {
    // What <Highlight> would give the <pre>: see src/lib/prism-lite.
    return (
      <Pre
        ref={wordWrap.codeBlockRef}
        className={clsx(classNameProp, `prism-code language-${language.toLowerCase()}`)}
        style={prismTheme.plain as CSSProperties}>
        <code {...codeProps} dangerouslySetInnerHTML={SERVER_LINES} suppressHydrationWarning />
      </Pre>
    );
  }
  return (
    <Highlight theme={prismTheme} code={code} language={language}>
      {({className, style, tokens: lines, getLineProps, getTokenProps}) => (
        <Pre ref={wordWrap.codeBlockRef} className={clsx(classNameProp, className)} style={style}>
          <code {...codeProps}>
            {lines.map((line, i) => (
              <Line
                key={i}
                line={line}
                getLineProps={getLineProps}
                getTokenProps={getTokenProps}
                classNames={lineClassNames[i]}
                showLineNumbers={lineNumbersStart !== undefined}
              />
            ))}
          </code>
        </Pre>
      )}
    </Highlight>
  );
}
