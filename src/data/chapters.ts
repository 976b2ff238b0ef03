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
  {
    id: 'payloads',
    to: '/docs/payloads',
    title: 'Part 3: Registering the workload with Juju',
    summary: 'Register the container as a Juju payload and see what became of the 2015 process-management plan.',
  },
  {
    id: 'juju-status',
    to: '/docs/juju-status',
    title: 'Part 4: Surfacing it in juju status',
    summary: 'Report the container honestly: states, exit codes, version, ports and update-status.',
  },
  {
    id: 'configuration',
    to: '/docs/configuration',
    title: 'Part 5: Configuration',
    summary: 'Choose the site, port, image and caching with juju config; re-create the container only on a real change.',
  },
  {
    id: 'config-changes',
    to: '/docs/config-changes',
    title: 'Part 6: Illustrating configuration changes',
    summary: 'Change the site and port with juju config and watch each step up to the new page.',
  },
  {
    id: 'relations',
    to: '/docs/relations',
    title: 'Part 7: Relations and a load balancer',
    summary: 'Give the charm a website endpoint, publish address and port, and put haproxy in front.',
  },
  {
    id: 'hook-summary',
    to: '/docs/hook-summary',
    title: 'Part 8: Summary of the hook-based charm',
    summary: 'The order of hooks, what the charm gained in parts 1 to 7, and what the hook style costs.',
  },
  {
    id: 'reactive',
    to: '/docs/reactive',
    title: 'Part 9: The same charm with flags',
    summary: 'Re-compose the charm with charms.reactive flags and a locally developed http interface layer.',
  },
  {
    id: 'hooks-vs-reactive',
    to: '/docs/hooks-vs-reactive',
    title: 'Part 10: Hook handlers and flags, side by side',
    summary: 'The two charms compared, with figures counted in the examples, and where this fits in 2026.',
  },
];
