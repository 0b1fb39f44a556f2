// Entry point. The zod switch must be imported before anything that builds a schema.
import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickBridge } from './bridge';
import { installBridge } from './bridge/installed';
import { ErrorBoundary } from './components/ErrorBoundary';
import { showView } from './desk/store';
import './styles.css';
// After styles.css: the owner's screens refine some of its rules.
import './desk.css';

installBridge(pickBridge(window));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    {/* A screen that throws shows a calm message with a way back; the sales are in the core. */}
    <ErrorBoundary onBack={() => showView('sell')}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
