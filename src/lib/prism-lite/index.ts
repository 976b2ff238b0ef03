/**
 * A small stand-in for prism-react-renderer in the client and server bundles
 * (the `prism-react-renderer$` alias in src/plugins/prism-lite.ts).
 *
 * Why: prism-react-renderer ships as one file holding Prism, about 40
 * languages and 20 themes, and Docusaurus imports it from a client module,
 * so all of it lands in main.js on every page (about 25 KiB gzip). This site
 * colours a handful of languages with two themes that are plain data in the
 * site config. This module is Prism's own core with the base languages
 * below (html, css, json, yaml, python: those of prism-react-renderer's set
 * that the docs use or are likely to), plus the few lines of
 * prism-react-renderer 2.4 that Docusaurus's CodeBlock uses (`Highlight`,
 * and `Prism` for themeConfig.prism.additionalLanguages), ported from its
 * MIT-licensed source so the markup is the same.
 * tests/site/prism-lite.test.ts compares both on every language the docs
 * use, and fails on a fence in a language that is not loaded.
 *
 * Known limit: a language neither here nor in additionalLanguages renders
 * as plain text, as an unknown language always did (JavaScript included:
 * the docs have none). `themes` is not exported (docusaurus.config.ts reads
 * them from the real package, in Node).
 */
import './manual';
import {createElement, useCallback, useMemo, type CSSProperties, type ReactNode} from 'react';
import clsx from 'clsx';
import type {Language, PrismTheme, Token, TokenInputProps, TokenOutputProps, LineInputProps, LineOutputProps} from 'prism-react-renderer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const Prism: typeof import('prismjs') = require('prismjs/components/prism-core');

/**
 * Run `load` with `prism` as the global `Prism`, which Prism's language
 * components extend when they are required, and put back what was there.
 * Also used by src/theme/prism-include-languages.ts.
 */
export function withGlobalPrism(prism: object, load: () => void): void {
  const scope = globalThis as {Prism?: unknown};
  const before = scope.Prism;
  scope.Prism = prism;
  try {
    load();
  } finally {
    if (before === undefined) delete scope.Prism;
    else scope.Prism = before;
  }
}

/**
 * The base languages, usable without prism.additionalLanguages (each
 * require names its own file, so the bundler takes exactly these).
 * prism-react-renderer also has css-extras (finer tokens inside CSS
 * selectors and colour values); it is left out: 1.2 KiB gzip on every page
 * for two short CSS fences, which still get selectors, properties and
 * values coloured.
 */
withGlobalPrism(Prism, () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('prismjs/components/prism-markup');
  require('prismjs/components/prism-css');
  require('prismjs/components/prism-json');
  require('prismjs/components/prism-yaml');
  require('prismjs/components/prism-python');
  /* eslint-enable @typescript-eslint/no-require-imports */
});

type ThemeDict = Record<string, CSSProperties | undefined> & {root: CSSProperties; plain: CSSProperties};

/** Theme entries for `language`, keyed by token type (later entries win). */
function themeToDict(theme: PrismTheme, language: string): ThemeDict {
  const dict: Record<string, CSSProperties | undefined> = {};
  for (const entry of theme.styles) {
    if (entry.languages && !entry.languages.includes(language as Language)) continue;
    for (const type of entry.types) dict[type] = {...dict[type], ...(entry.style as CSSProperties)};
  }
  return {...dict, root: theme.plain as CSSProperties, plain: {...(theme.plain as CSSProperties), backgroundColor: undefined}};
}

const NEWLINE = /\r\n|\r|\n/;

function normalizeEmptyLines(line: Token[]): void {
  if (line.length === 0) line.push({types: ['plain'], content: '\n', empty: true});
  else if (line.length === 1 && line[0].content === '') {
    line[0].content = '\n';
    line[0].empty = true;
  }
}

function appendTypes(types: string[], add: string | string[]): string[] {
  return types.length > 0 && types[types.length - 1] === add ? types : types.concat(add);
}

/** Prism's nested token stream, flattened into lines of typed tokens. */
export function normalizeTokens(tokens: Array<string | Prism.Token>): Token[][] {
  const typeStack: string[][] = [[]];
  const tokenStack: Array<Array<string | Prism.Token>> = [tokens];
  const indexStack = [0];
  const sizeStack = [tokens.length];
  let depth = 0;
  let line: Token[] = [];
  const lines = [line];
  while (depth > -1) {
    let i: number;
    while ((i = indexStack[depth]++) < sizeStack[depth]) {
      let types = typeStack[depth];
      const token = tokenStack[depth][i];
      let content: string | Prism.TokenStream;
      if (typeof token === 'string') {
        types = depth > 0 ? types : ['plain'];
        content = token;
      } else {
        types = appendTypes(types, token.type);
        if (token.alias) types = appendTypes(types, token.alias);
        content = token.content;
      }
      if (typeof content !== 'string') {
        depth++;
        typeStack.push(types);
        tokenStack.push(Array.isArray(content) ? content : [content]);
        indexStack.push(0);
        sizeStack.push(Array.isArray(content) ? content.length : 1);
        continue;
      }
      const parts = content.split(NEWLINE);
      line.push({types, content: parts[0]});
      for (let p = 1; p < parts.length; p++) {
        normalizeEmptyLines(line);
        lines.push((line = []));
        line.push({types, content: parts[p]});
      }
    }
    depth--;
    typeStack.pop();
    tokenStack.pop();
    indexStack.pop();
    sizeStack.pop();
  }
  normalizeEmptyLines(line);
  return lines;
}

interface RenderProps {
  tokens: Token[][];
  className: string;
  style: CSSProperties;
  getLineProps: (input: LineInputProps) => LineOutputProps;
  getTokenProps: (input: TokenInputProps) => TokenOutputProps;
}

interface HighlightProps {
  code: string;
  language: string;
  theme?: PrismTheme;
  prism?: typeof Prism;
  children: (props: RenderProps) => ReactNode;
}

function HighlightInner({code, language: rawLanguage, theme, prism = Prism, children}: HighlightProps & {theme: PrismTheme}): ReactNode {
  const language = rawLanguage.toLowerCase();
  const dict = themeToDict(theme, language);
  const grammar = prism.languages[language];
  const tokens = useMemo(() => {
    if (grammar == null) return normalizeTokens([code]);
    const env = {code, grammar, language, tokens: [] as Array<string | Prism.Token>};
    prism.hooks.run('before-tokenize', env);
    env.tokens = prism.tokenize(code, grammar);
    prism.hooks.run('after-tokenize', env);
    return normalizeTokens(env.tokens);
  }, [code, grammar, language, prism]);
  const getLineProps = useCallback(
    ({className, style, line: _line, ...rest}: LineInputProps): LineOutputProps => {
      const output: LineOutputProps = {...rest, className: clsx('token-line', className)};
      output.style = dict.plain;
      if (typeof style === 'object') output.style = {...output.style, ...style};
      return output;
    },
    [dict],
  );
  const styleForToken = ({types, empty}: Token): CSSProperties | undefined => {
    if (types.length === 1 && types[0] === 'plain') return empty != null ? {display: 'inline-block'} : undefined;
    if (types.length === 1 && empty != null) return dict[types[0]];
    return Object.assign(empty != null ? {display: 'inline-block'} : {}, ...types.map((t) => dict[t]));
  };
  const getTokenProps = ({token, className, style, ...rest}: TokenInputProps): TokenOutputProps => {
    const output: TokenOutputProps = {...rest, className: clsx('token', ...token.types, className), children: token.content, style: styleForToken(token)};
    if (style != null) output.style = {...output.style, ...style};
    return output;
  };
  return children({tokens, className: `prism-code language-${language}`, style: dict.root, getLineProps, getTokenProps});
}

/** prism-react-renderer's <Highlight>: same props, same render props. */
export function Highlight(props: HighlightProps): ReactNode {
  if (!props.theme) throw new Error('prism-lite: <Highlight> needs a theme (Docusaurus always passes one)');
  return createElement(HighlightInner, {...props, theme: props.theme});
}
