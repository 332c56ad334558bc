// Vite bundles stylesheets imported for their side effect (main.ts imports styles.css).
declare module '*.css'
