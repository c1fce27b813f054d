// Builds a working copy of fixtures/repo in a temporary directory. Files that git itself
// would interpret (.gitignore, .git/, node_modules/) cannot be committed as fixtures, so
// the repository keeps `dot-gitignore` files and this helper lays out the rest.

import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-dir.js';

const FIXTURE = new URL('./fixtures/repo/', import.meta.url);

function renameDotGitignores(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) renameDotGitignores(path);
    else if (entry.name === 'dot-gitignore') renameSync(path, join(dir, '.gitignore'));
  }
}

export interface FixtureRepo {
  root: string;
  remove(): void;
}

export function makeFixtureRepo(): FixtureRepo {
  const root = tempDir('check');
  cpSync(FIXTURE, root, { recursive: true });
  renameDotGitignores(root);
  mkdirSync(join(root, '.git', 'info'), { recursive: true });
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(root, '.git', 'compose.yaml'), 'never read: [\n');
  mkdirSync(join(root, 'node_modules', 'some-package'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'some-package', 'compose.yaml'), 'never read: [\n');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
