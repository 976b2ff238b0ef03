// Test helper: builds throw-away example trees in os.tmpdir().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Create a temp repo root containing the given files.
 * files: { 'examples/01-x/config.yaml': 'text', 'examples/01-x/hooks/install': { content, mode } }
 * Returns the root path; remove it with removeTree(root).
 */
export function makeTree(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-lint-'));
  for (const [rel, spec] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const { content, mode } = typeof spec === 'string' ? { content: spec, mode: 0o644 } : spec;
    fs.writeFileSync(abs, content);
    fs.chmodSync(abs, mode ?? 0o644);
  }
  fs.mkdirSync(path.join(root, 'examples'), { recursive: true });
  return root;
}

export function removeTree(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A complete, clean example layer (no errors, no warnings) under examples/<dir>/. */
export function goodExample(dir = '01-good') {
  const base = `examples/${dir}`;
  return {
    [`${base}/layer.yaml`]: [
      'includes:',
      '  - layer:docker',
      '  - interface:http',
      'repo: https://github.com/example/layer-docker-nginx.git',
      'options:',
      '  basic:',
      '    use_venv: true',
      '',
    ].join('\n'),
    [`${base}/metadata.yaml`]: [
      'name: docker-nginx',
      'summary: NGINX in a Docker container',
      'maintainer: Jane Doe <jane@example.com>',
      'description: |',
      '  Runs NGINX in a Docker container and serves a static site.',
      'tags: [web, docker]',
      'series: [jammy, focal]',
      'provides:',
      '  website:',
      '    interface: http',
      'payloads:',
      '  nginx:',
      '    type: docker',
      'storage:',
      '  data:',
      '    type: filesystem',
      '    location: /srv/data',
      '',
    ].join('\n'),
    [`${base}/config.yaml`]: [
      'options:',
      '  port:',
      '    type: int',
      '    default: 80',
      '    description: Host port published for NGINX.',
      '  webroot:',
      '    type: string',
      '    default: /srv/docker-nginx',
      '    description: Directory served by NGINX.',
      '  ratio:',
      '    type: float',
      '    default: 0.5',
      '    description: An example float option.',
      '  debug:',
      '    type: boolean',
      '    default: false',
      '    description: Turn on debug logging.',
      '',
    ].join('\n'),
    [`${base}/actions.yaml`]: [
      'restart:',
      '  description: Restart the NGINX container.',
      '  params:',
      '    force:',
      '      type: boolean',
      '      description: Kill instead of stopping.',
      '      default: false',
      '  additionalProperties: false',
      '',
    ].join('\n'),
    [`${base}/actions/restart`]: { content: '#!/bin/bash\nset -eu\ndocker restart docker-nginx\n', mode: 0o755 },
    [`${base}/hooks/install`]: { content: '#!/bin/bash\nset -eu\necho "installing"\n', mode: 0o755 },
    [`${base}/reactive/docker_nginx.py`]: [
      'from charms.reactive import when, set_flag',
      '',
      '',
      "@when('docker.available')",
      'def start():',
      "    set_flag('nginx.started')",
      '',
    ].join('\n'),
    [`${base}/charmcraft.yaml`]: [
      'type: charm',
      'base: ubuntu@22.04',
      'platforms:',
      '  amd64:',
      'parts:',
      '  charm:',
      '    plugin: reactive',
      '    source: .',
      '    build-snaps: [charm]',
      '    reactive-charm-build-arguments: [--binary-wheels]',
      '',
    ].join('\n'),
    [`${base}/site/index.html`]: '<!doctype html><title>hi</title>\n',
    [`${base}/interfaces/http/interface.yaml`]: [
      'name: http',
      'summary: Basic HTTP interface',
      'version: 1',
      'repo: https://github.com/example/interface-http.git',
      '',
    ].join('\n'),
    [`${base}/interfaces/http/provides.py`]: 'from charms.reactive import Endpoint\n\n\nclass HttpProvides(Endpoint):\n    pass\n',
    [`${base}/interfaces/http/requires.py`]: 'from charms.reactive import Endpoint\n\n\nclass HttpRequires(Endpoint):\n    pass\n',
  };
}
