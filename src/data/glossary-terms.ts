/**
 * The terms of the glossary page (docs/glossary.mdx and each released
 * version's copy), shared by the remark plugin that links a chapter's first
 * use of each term (src/remark/glossary-links.ts) and by the tests that
 * check the glossary pages and the built chapters.
 *
 * A term matches as a whole word, in any case, in one of its `forms`
 * (singular and plural). A word joined to another by `-`, `.`, `:` or `/`
 * is a different name and never matches: `charm-tools`, `charms.reactive`,
 * `layer:docker`, `relation-set`, `hooks/install`.
 *
 * Several terms are also common English words, and a link on an unrelated
 * sense would teach the wrong thing. Rather than a marker in the prose
 * (which the built page would not show, so no test could check it), each
 * such term lists the contexts in which the word has another meaning:
 * `notAfter` is tested on the text before the word in the same block (the
 * paragraph, list item or table cell, inline code and link text included),
 * `notBefore` on the rest of its run of plain text. Where a sentence used a
 * word in a sense no rule should guess, the sentence was reworded.
 */
export interface GlossaryTerm {
  /** Heading id on the glossary page, and the link's fragment. */
  id: string;
  /** The heading text on the glossary page. */
  term: string;
  /** Lower-case word forms that count as a use: singular, plural. */
  forms: string[];
  /** A match is not this term when the text before it matches this. */
  notAfter?: RegExp;
  /** A match is not this term when the text after it matches this. */
  notBefore?: RegExp;
}

export const GLOSSARY_TERMS: GlossaryTerm[] = [
  {id: 'charm', term: 'Charm', forms: ['charm', 'charms']},
  {id: 'application', term: 'Application', forms: ['application', 'applications']},
  {
    id: 'unit',
    term: 'Unit',
    forms: ['unit', 'units'],
    // "unit tests" of the example code are not Juju units.
    notBefore: /^[\s-]+test/i,
  },
  {
    id: 'model',
    term: 'Model',
    forms: ['model', 'models'],
    // "Juju's relation model", "a mental model": the way something works,
    // not a Juju model.
    notAfter: /\b(?:relation|mental|data|programming|dispatch|event|threat|security)\s+$/i,
  },
  {id: 'controller', term: 'Controller', forms: ['controller', 'controllers']},
  {
    id: 'machine',
    term: 'Machine',
    forms: ['machine', 'machines'],
    // The reader's own computer ("your machine", "an Ubuntu machine", "the
    // machine that runs Juju", where the juju client runs) and a "virtual
    // machine" are not the machines Juju provisions for units; nor is the
    // kind of charm ("machine charms", as opposed to Kubernetes charms).
    notAfter: /\b(?:your|your own|my|virtual|ubuntu|linux|local|physical|build)\s+$/i,
    notBefore: /^\s+(?:that runs (?:juju|the juju client)\b|charms?\b)/i,
  },
  {id: 'relation', term: 'Relation', forms: ['relation', 'relations']},
  {id: 'endpoint', term: 'Endpoint', forms: ['endpoint', 'endpoints']},
  {
    id: 'interface',
    term: 'Interface',
    forms: ['interface', 'interfaces'],
    // A user interface, network interface or API is not a relation interface.
    notAfter: /\b(?:user|network|command-line|programming|web|graphical)\s+$/i,
  },
  {
    id: 'hook',
    term: 'Hook',
    forms: ['hook', 'hooks'],
    // "hook into", "hook up": the verb.
    notBefore: /^\s+(?:into|up)\b/i,
  },
  {
    id: 'layer',
    term: 'Layer',
    forms: ['layer', 'layers'],
    // A Docker image layer, a Pebble layer (a service definition) and a
    // network layer are other things called layers.
    notAfter: /\b(?:image|pebble|pebble a|network|filesystem|file system|overlay)\s+$/i,
  },
  {
    id: 'flag',
    term: 'Flag',
    forms: ['flag', 'flags'],
    // Command-line flags (`docker run -p`) are options, not reactive flags.
    notAfter: /\b(?:command-line|command line|cli|docker|dockerd)\s+$/i,
  },
  {id: 'payload', term: 'Payload', forms: ['payload', 'payloads']},
];

export interface TermMatch {
  id: string;
  /** Offset of the matched word in the text. */
  index: number;
  /** The word as written, e.g. "Relations". */
  text: string;
}

/** Characters that join a word to a longer name (`charm-tools`, `layer:docker`). */
const JOINED_BEFORE = String.raw`[\p{L}\p{N}_.:/@$\-]`;
const JOINED_AFTER = String.raw`[\p{L}\p{N}_\-]|[.:/][\p{L}\p{N}_]`;

function pattern(term: GlossaryTerm): RegExp {
  const forms = [...term.forms].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(`(?<!${JOINED_BEFORE})(?:${forms})(?!${JOINED_AFTER})`, 'giu');
}

const PATTERNS = new Map(GLOSSARY_TERMS.map((t) => [t.id, pattern(t)]));

/**
 * The first use of each term in `text` (one run of plain prose) whose id is
 * in `wanted`, in text order. `before` is the text of the same block that
 * comes before the run. Uses that a term's notAfter/notBefore rule excludes
 * are skipped, and a later use in the same text can still count.
 */
export function findTermUses(text: string, wanted: ReadonlySet<string>, before = ''): TermMatch[] {
  const found: TermMatch[] = [];
  for (const term of GLOSSARY_TERMS) {
    if (!wanted.has(term.id)) continue;
    const re = PATTERNS.get(term.id)!;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const preceding = before + text.slice(0, m.index);
      const after = text.slice(m.index + m[0].length);
      if (term.notAfter?.test(preceding) || term.notBefore?.test(after)) continue;
      found.push({id: term.id, index: m.index, text: m[0]});
      break;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
