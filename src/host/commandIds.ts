/** Every command the extension contributes, in one place (ids match package.json). */
export const CommandIds = {
  startListener: 'webhookWorkbench.startListener',
  listenOnFreePort: 'webhookWorkbench.listenOnFreePort',
  stopListener: 'webhookWorkbench.stopListener',
  copyListenerUrl: 'webhookWorkbench.copyListenerUrl',
  copyCurlExample: 'webhookWorkbench.copyCurlExample',
  openCapture: 'webhookWorkbench.openCapture',
  openCaptureRaw: 'webhookWorkbench.openCaptureRaw',
  /** Enter in the tree: opens the focused capture and moves focus into the payload view. */
  openCaptureAndFocus: 'webhookWorkbench.openCaptureAndFocus',
  /** The row under a route's newest captures: shows the next page of older ones. */
  showOlderCaptures: 'webhookWorkbench.showOlderCaptures',
  pinPayloadView: 'webhookWorkbench.pinPayloadView',
  setSigningSecret: 'webhookWorkbench.setSigningSecret',
  clearSigningSecret: 'webhookWorkbench.clearSigningSecret',
  generateHandler: 'webhookWorkbench.generateHandler',
  generateTypes: 'webhookWorkbench.generateTypes',
  copyTypes: 'webhookWorkbench.copyTypes',
  startTunnel: 'webhookWorkbench.startTunnel',
  stopTunnel: 'webhookWorkbench.stopTunnel',
  copyTunnelUrl: 'webhookWorkbench.copyTunnelUrl',
  forwardTo: 'webhookWorkbench.forwardTo',
  stopForwarding: 'webhookWorkbench.stopForwarding',
  replayToTarget: 'webhookWorkbench.replayToTarget',
  replayTo: 'webhookWorkbench.replayTo',
  editAndResend: 'webhookWorkbench.editAndResend',
  sendHttpRequest: 'webhookWorkbench.sendHttpRequest',
  copyAsCurl: 'webhookWorkbench.copyAsCurl',
  exportAsHttp: 'webhookWorkbench.exportAsHttp',
  exportCaptures: 'webhookWorkbench.exportCaptures',
  importCaptures: 'webhookWorkbench.importCaptures',
  deleteCapture: 'webhookWorkbench.deleteCapture',
  clearCaptures: 'webhookWorkbench.clearCaptures',
  filterCaptures: 'webhookWorkbench.filterCaptures',
  clearFilter: 'webhookWorkbench.clearFilter',
  showListenerMenu: 'webhookWorkbench.showListenerMenu',
  showLog: 'webhookWorkbench.showLog',
  showStoreProblem: 'webhookWorkbench.showStoreProblem',
  useFreshCaptureFolder: 'webhookWorkbench.useFreshCaptureFolder',
  revealCaptureFolder: 'webhookWorkbench.revealCaptureFolder',
  sendTestEvent: 'webhookWorkbench.sendTestEvent',
  runEndpointCheck: 'webhookWorkbench.runEndpointCheck',
  replayAsProviderRetry: 'webhookWorkbench.replayAsProviderRetry',
} as const;

export const ContextKeys = {
  listening: 'webhookWorkbench:listening',
  /** Why the listener is not running although it was asked to: portInUse, cannotBind or notAllowed. */
  listenerProblem: 'webhookWorkbench:listenerProblem',
  hasCaptures: 'webhookWorkbench:hasCaptures',
  filtered: 'webhookWorkbench:filtered',
  /** The tunnel is connecting, open or reconnecting. */
  tunnelActive: 'webhookWorkbench:tunnelActive',
  tunnelOpen: 'webhookWorkbench:tunnelOpen',
  forwarding: 'webhookWorkbench:forwarding',
  /** The capture store's access: 'read-write', 'read-only' or 'unavailable'. */
  storeAccess: 'webhookWorkbench:storeAccess',
  /** The capture store cannot be written, or opening it found damage. */
  storeProblem: 'webhookWorkbench:storeProblem',
} as const;

export const CAPTURES_VIEW_ID = 'webhookWorkbench.captures';
/** The Testing view's controller for endpoint checks. */
export const ENDPOINT_CHECK_CONTROLLER_ID = 'webhookWorkbench.endpointChecks';
