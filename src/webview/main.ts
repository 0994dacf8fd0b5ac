// The payload view's webview: wires the host connection to the view and the keyboard.
import { HostConnection } from './hostConnection';
import { PayloadView } from './payloadView';

const host = new HostConnection();
const root = document.getElementById('root') ?? document.body;
const view = new PayloadView(root, (message) => host.post(message));

window.addEventListener('error', (event) => host.post({ type: 'error', message: `Payload view: ${event.message}` }));

host.listen((message) => {
  switch (message.type) {
    case 'showCapture':
      view.show(message.capture);
      host.remember(message.capture.id);
      break;
    case 'updateSignature':
      view.updateSignature(message.captureId, message.signature);
      break;
  }
});

window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
    if (view.focusSearch()) event.preventDefault();
  }
});

host.post({ type: 'ready' });
