import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|test-support)\.ts$/.test(entry.name) ? [path] : [];
  });
}

// Which folders of the app each folder's production code imports.
function folderImports(): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const file of sourceFiles(APP)) {
    const [folder = '', ...rest] = relative(APP, file).split('/');
    // Files at the app's root (the module, the config) wire the folders together.
    if (rest.length === 0) continue;
    const into = imports.get(folder) ?? new Set<string>();
    imports.set(folder, into);
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const other = relative(APP, resolve(join(file, '..'), target ?? '')).split('/')[0] ?? '';
      if (other !== folder && !other.endsWith('.ts') && other !== 'config') into.add(other);
    }
  }
  return imports;
}

describe('proxy-edge folders', () => {
  it('are organised by what they do, with the request context shared and nothing else importing back', () => {
    const imports = folderImports();
    const mutual = [...imports].flatMap(([folder, targets]) =>
      [...targets].filter((t) => imports.get(t)?.has(folder)).map((t) => `${folder} <-> ${t}`),
    );
    expect(mutual).toEqual([]);
    expect(imports.get('request')).toEqual(new Set());
    expect([...imports.keys()].sort()).toEqual([
      'auth',
      'billing',
      'limits',
      'pii',
      'pipeline',
      'relay',
      'request',
      'routes',
      'routing',
      'usage',
    ]);
  });
});
