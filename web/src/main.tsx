// Must stay first: configures zod before the shared schemas are built.
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App.js';
import { loadPublicConfig } from './auth/public-config.js';
import './styles/main.scss';

// govuk-frontend hides closed conditional reveals only when it knows the
// page's scripts run; this app is that script.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// Sign-in needs the pool ids and the idle limit; fetch them while the page draws.
loadPublicConfig().catch(() => undefined);

const root = document.getElementById('app');
if (!root) throw new Error('The page has no #app element');
// A staff page's chunk first (it is fetched either way): the page then draws, and asks for its data, without waiting on Suspense.
void preloadPage(window.location.pathname).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
