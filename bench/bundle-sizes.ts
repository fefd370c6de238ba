import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { present } from '../src/domain/present';

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
  readonly isEntry?: boolean;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * What a browser downloads to show one module of a Custom UI resource: the HTML entry's chunk,
 * the module's own dynamic chunk, and everything either imports statically, with their CSS.
 * Lazily loaded chunks (theme files the host may never ask for) are not counted.
 */
const closure = (manifest: Record<string, ManifestChunk>, roots: readonly string[]): string[] => {
  const files = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  roots.forEach(visit);
  return [...files];
};

/** Prints the raw and gzip size of each module of each built Custom UI resource. */
export const benchBundleSizes = (root: string, resources: Readonly<Record<string, Readonly<Record<string, string>>>>): void => {
  for (const [resource, modules] of Object.entries(resources)) {
    const dist = path.join(root, 'static', resource, 'dist');
    const manifestPath = path.join(dist, '.vite', 'manifest.json');
    if (!existsSync(manifestPath)) {
      console.log(`${resource}: not built (run "npm run build:ui" first)`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
    const entry = present(Object.keys(manifest).find((key) => present(manifest[key]).isEntry));
    for (const [moduleKey, source] of Object.entries(modules)) {
      const files = closure(manifest, [entry, source]);
      const bytes = files.map((file) => readFileSync(path.join(dist, file)));
      const raw = bytes.reduce((sum, content) => sum + content.length, 0);
      const gzip = bytes.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0);
      console.log(`Custom UI ${resource} as ${moduleKey}: ${kb(gzip)} gzip (${kb(raw)} raw) in ${files.length} files`);
    }
  }
};
