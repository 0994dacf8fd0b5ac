// The payload view's webview: wires the host connection to the view, its saved state and the keyboard.
// VS Code rebuilds this page whenever its hidden tab is shown again: it paints from the saved state at
// once, then says `ready`, and the host answers every `ready` with the capture to show.
import type { CaptureSnapshot } from '../shared/protocol';
import { isPayloadViewState, savedCaptureId } from '../shared/protocol';
import { HostConnection } from './hostConnection';
import { BodyAssembly } from './model/bodyAssembly';
import { decodeBody } from './model/bodyContent';
import { isSmall, PayloadView, sameView } from './payloadView';

/** Scrolling saves the state at most this often. */
const SAVE_INTERVAL_MS = 100;

const host = new HostConnection();
const root = document.getElementById('root') ?? document.body;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** The body of the capture on screen while its parts arrive. */
let arriving: BodyAssembly | undefined;

const saveNow = () => {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  const state = view.viewState();
  if (state) host.saveState(state);
};
const saveSoon = () => {
  saveTimer ??= setTimeout(saveNow, SAVE_INTERVAL_MS);
};
const view = new PayloadView(root, (message) => host.post(message), saveSoon);

window.addEventListener('error', (event) => host.post({ type: 'error', message: `Payload view: ${event.message}` }));

const saved = host.savedState();
if (isPayloadViewState(saved)) {
  if (saved.capture) view.show(saved.capture, saved.ui);
  else view.showLoading(saved.captureId, saved.ui);
} else {
  const captureId = savedCaptureId(saved);
  if (captureId) view.showLoading(captureId);
}

host.listen((message) => {
  switch (message.type) {
    case 'showCapture':
      arriving = message.capture.body.encoding === 'head' ? new BodyAssembly(message.capture.id, message.capture.body.bytes, message.capture.body.size) : undefined;
      showCapture(message.capture);
      break;
    case 'bodyPart':
      addBodyPart(message.captureId, message.offset, message.bytes);
      break;
    case 'updateSignature':
      view.updateSignature(message.captureId, message.signature);
      break;
    case 'updateForward':
      view.updateForward(message.captureId, message.responseStatus, message.forward);
      break;
  }
  saveNow();
});

/**
 * The capture on screen (restored from state, or shown before) is kept as the user left it: left alone
 * when nothing changed, re-rendered with its expansion, search and scroll when its facts did.
 */
function showCapture(sent: CaptureSnapshot): void {
  // Decoded once, here: the view keeps, compares and saves the text.
  const capture = { ...sent, body: decodeBody(sent.body) };
  const shown = view.shownCapture;
  if (shown && isSmall(capture) && sameView(shown, capture)) return;
  view.show(capture, view.uiStateFor(capture));
}

/** Puts a part of the arriving body in place; with the last one, shows the whole capture. */
function addBodyPart(captureId: string, offset: number, bytes: Uint8Array): void {
  // A part of a body no longer on screen (another capture was shown since) is of no use.
  if (!arriving || arriving.captureId !== captureId) return;
  let whole: Uint8Array | undefined;
  try {
    whole = arriving.add(offset, bytes);
  } catch (error) {
    arriving = undefined;
    host.post({ type: 'error', message: `The body of capture ${captureId} did not arrive whole: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  if (!whole) return;
  arriving = undefined;
  const shown = view.shownCapture;
  if (shown?.id === captureId) showCapture({ ...shown, body: { encoding: 'bytes', bytes: whole } });
}

window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
    if (view.focusSearch()) event.preventDefault();
  }
});

host.post({ type: 'ready' });
