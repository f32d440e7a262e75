import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installInspector } from './store/inspect';
import { installPersistence } from './store/persistSync';
import { installUrlSync } from './store/urlSync';
import { App } from './ui/App';
import './ui/app.css';

installInspector(window as unknown as Record<string, unknown>);
installPersistence(
  /(?:^#|&)x=/.test(window.location.hash) ||
    new URLSearchParams(window.location.search).has('preset'),
);
installUrlSync();

// Offline after the first visit (production builds only; the dev server changes files live).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((e: unknown) => {
    console.warn('Offline mode unavailable:', e);
  });
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
