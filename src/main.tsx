import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installInspector } from './store/inspect';
import { installUrlSync } from './store/urlSync';
import { App } from './ui/App';
import './ui/app.css';

installInspector(window as unknown as Record<string, unknown>);
installUrlSync();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
