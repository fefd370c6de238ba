import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The build of one Custom UI resource. Forge serves a resource from its own folder: relative
 * asset paths, no CDN. The manifest lets `npm run bench` measure what each module downloads.
 */
export const resourceConfig = (root: string): UserConfig =>
  defineConfig({
    root,
    base: './',
    plugins: [react()],
    // Atlaskit makes large chunks; `npm run bench` reports what each module downloads instead.
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      manifest: true,
      chunkSizeWarningLimit: 1_000,
    },
  });
