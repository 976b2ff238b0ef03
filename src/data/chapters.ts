/**
 * The tutorial's chapters as the home page lists them. Kept in the same
 * order as the sidebar; tests/site/chapters.test.ts fails if the two drift.
 */
export interface Chapter {
  /** Doc id, as used in sidebars.ts. */
  id: string;
  /** URL path of the chapter. */
  to: string;
  title: string;
  /** One line on what the reader does in it. */
  summary: string;
}

export const chapters: Chapter[] = [
  {
    id: 'before-you-begin',
    to: '/docs/before-you-begin',
    title: 'Before you begin',
    summary: 'Install Juju 3.6, LXD and the build tools, and bootstrap a controller.',
  },
  {
    id: 'charm-build',
    to: '/docs/charm-build',
    title: 'Part 1: Building a charm from layers',
    summary: 'What the layer builder does, how layers merge, where the charm goes.',
  },
  {
    id: 'docker-layer',
    to: '/docs/docker-layer',
    title: 'Part 2: A charm layer that runs a container',
    summary: 'Run nginx in Docker from a layer on layer:docker, deploy and expose it.',
  },
];
