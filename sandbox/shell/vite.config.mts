import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The sandbox's Jira-like shell; served by sandbox/server.ts at the site root.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 1_500 },
});
