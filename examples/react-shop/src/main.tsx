import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerProvider } from '@omni-checkout/core/provider';
import { App } from './App.js';

// The payment providers this shop offers; each loads only when a session uses it.
registerProvider('mock', () => import('@omni-checkout/mock/client'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
