import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resumeSession } from './resumeSession';
import './styles.css';

// Before the first render, so a reload shows "Opening Custodian…" and never the sign-in screen
// for a session the core still holds; once per page load (StrictMode runs effects twice).
void resumeSession();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
