import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Forge serves a resource from its own folder: relative asset paths, no CDN, one bundle.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false, manifest: true },
});
