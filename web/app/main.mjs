// Entry point of the static page: loads the wasm core and mounts the app into #app. Every path is
// relative to this file, so dist/ works from any directory of any static host.
import { load } from '../servicekpi.mjs';
import translations from './translations.mjs';
import { mountApp } from './app.mjs';

const root = document.getElementById('app');
try {
  const kpi = await load();
  mountApp(root, { kpi, translations });
  root.dataset.ready = 'true';
} catch (problem) {
  const message = document.createElement('p');
  message.className = 'load-error';
  message.setAttribute('role', 'alert');
  message.textContent = `ServiceKPI could not start: ${problem?.message ?? problem}`;
  root.replaceChildren(message);
  root.dataset.ready = 'error';
}
