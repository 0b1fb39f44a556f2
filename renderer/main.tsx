// Entry point. The zod switch must be imported before anything that builds a schema.
import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isDisplayPage, pickBridge } from './bridge';
import { DisplayApp } from './display/DisplayApp';
import { installBridge } from './bridge/installed';
import { ErrorBoundary } from './components/ErrorBoundary';
import { showView } from './desk/store';
import './styles.css';
// After styles.css: the owner's screens refine some of its rules.
import './desk.css';
import './counter.css';
// Roles and the books (issue 13).
import './books.css';

// Read before the bridge takes the token out of the address.
const display = isDisplayPage();
installBridge(pickBridge(window));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    {display ? (
      <DisplayApp />
    ) : (
      /* A screen that throws shows a calm message with a way back; the sales are in the core. */
      <ErrorBoundary onBack={() => showView('sell')}>
        <App />
      </ErrorBoundary>
    )}
  </StrictMode>,
);
