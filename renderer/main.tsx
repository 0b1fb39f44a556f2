// Entry point. The zod switch must be imported before anything that builds a schema.
import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickBridge } from './bridge';
import { installBridge } from './bridge/installed';
import './styles.css';
// After styles.css: the owner's screens refine some of its rules.
import './desk.css';
// Roles and the books (issue 13).
import './books.css';

installBridge(pickBridge(window));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
