import { BACKEND_CHOICES, requestedBackend, startBackend } from './backend.js';
import { loadFashionData } from './data/load-data.js';
import { byId, fillSelect, setPageState } from './dom.js';
import { setupExperiments } from './experiments/setup.js';
import { setupTrainPanel } from './train-panel.js';

/** Starts the backend the address asks for, shows it, loads the data and wires the page. */
async function main(): Promise<void> {
  const choice = requestedBackend(window.location.search);
  const select = byId<HTMLSelectElement>('backend-choice');
  fillSelect(select, BACKEND_CHOICES, choice);
  // Switching backends reloads the page: models and tensors belong to one backend.
  select.addEventListener('change', () => {
    const url = new URL(window.location.href);
    url.searchParams.set('backend', select.value);
    window.location.assign(url);
  });
  const badge = byId('backend');
  const note = byId('backend-note');
  const backend = await startBackend(choice);
  badge.textContent = backend.name;
  // wasm and cpu work everywhere but are much slower than the GPU; say so plainly.
  const gpu = backend.name === 'webgl' || backend.name === 'webgpu';
  badge.classList.toggle('fallback', !gpu || !backend.preferred);
  note.textContent = !backend.preferred
    ? `${backend.message}${gpu ? '' : ' — training runs, only slower than on WebGL.'}`
    : gpu
      ? ''
      : `${backend.name} as chosen — WebGL is usually much faster.`;
  const status = byId('status');
  status.textContent = 'Loading Fashion-MNIST…';
  const data = await loadFashionData();
  status.textContent = `Ready: ${data.train.count} training and ${data.test.count} test images from ${data.source}, on ${backend.name}.`;
  setupTrainPanel(data);
  setupExperiments(data);
  setPageState('ready');
}

main().catch((error: unknown) => {
  setPageState('error');
  const status = document.getElementById('status');
  if (status)
    status.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
