import * as vscode from 'vscode';
import type { Capture, CaptureSummary, ForwardSummary, SignatureResult } from '../../core';
import { CommandIds } from '../commandIds';
import { signatureIcon, signatureLabel } from '../signatures/signaturePresentation';
import type { OlderCapturesNode, RouteNode } from './captureGroups';
import { CAPTURES_PER_PAGE } from './captureGroups';
import { formatArrival, formatBytes } from './formatting';

export type { CaptureNode, CaptureTreeNode, OlderCapturesNode, RouteNode } from './captureGroups';

const METHOD_ICONS: Record<string, string> = {
  POST: 'arrow-right',
  PUT: 'arrow-swap',
  PATCH: 'diff',
  GET: 'arrow-left',
  DELETE: 'trash',
  HEAD: 'eye',
  OPTIONS: 'settings',
};

/** Headers worth seeing at a glance in a tooltip, when present. */
const KEY_HEADERS = [
  'content-type', 'user-agent', 'x-github-event', 'x-github-delivery', 'x-gitlab-event', 'stripe-signature', 'x-hub-signature-256',
  'x-slack-request-timestamp', 'x-shopify-topic', 'webhook-id', 'svix-id', 'content-length',
];

export function routeTreeItem(node: RouteNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.route, vscode.TreeItemCollapsibleState.Expanded);
  const count = node.count;
  item.id = `route:${node.route}`;
  item.description = count === 1 ? vscode.l10n.t('1 capture') : vscode.l10n.t('{0} captures', count);
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.contextValue = 'route';
  item.tooltip = `${node.route} — ${item.description}`;
  item.accessibilityInformation = { label: vscode.l10n.t('Route {0}, {1}', node.route, item.description), role: 'treeitem' };
  return item;
}

export interface CaptureFacts {
  signature?: SignatureResult;
  /** The id of the capture this one repeats (same provider delivery id). */
  duplicateOf?: string;
}

export function captureTreeItem(summary: CaptureSummary, facts: CaptureFacts = {}): vscode.TreeItem {
  const item = new vscode.TreeItem(`${summary.method} ${summary.url}`, vscode.TreeItemCollapsibleState.None);
  const status = facts.signature?.status;
  const signed = status !== undefined && status !== 'unsigned';
  // Every capture from a known provider gets a badge: "unsigned" too, when its signature header is missing.
  const badge = signed || (status === 'unsigned' && (facts.signature?.provider ?? summary.provider) !== undefined) ? status : undefined;
  const size = formatBytes(summary.bodySize);
  const arrival = formatArrival(summary.receivedAt);
  const parts = [
    summary.damaged ? vscode.l10n.t('damaged') : undefined,
    summary.handshake ? vscode.l10n.t('handshake: {0}', summary.handshake) : summary.event,
    badge ? signatureLabel(badge) : undefined,
    facts.duplicateOf ? vscode.l10n.t('duplicate') : undefined,
    size,
    arrival,
  ].filter(Boolean);
  if (summary.truncated) parts.push(vscode.l10n.t('truncated'));
  if (summary.forward) parts.push(forwardLabel(summary.forward));
  item.id = `capture:${summary.id}`;
  item.description = parts.join(' · ');
  item.iconPath = summary.damaged
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'))
    : summary.truncated
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : badge
        ? signatureIcon(badge)
        : new vscode.ThemeIcon(METHOD_ICONS[summary.method] ?? 'circle-outline');
  item.contextValue = [
    'capture',
    summary.damaged ? 'damaged' : '',
    summary.truncated ? 'truncated' : '',
    summary.event ? 'hasEvent' : '',
    summary.provider ? `provider-${summary.provider}` : '',
    signed ? 'signed' : '',
    status ? `sig-${status}` : '',
    facts.duplicateOf ? 'duplicate' : '',
    summary.handshake ? 'handshake' : '',
    summary.forward ? (summary.forward.ok ? 'forwarded' : 'forwardFailed') : '',
  ].filter(Boolean).join(' ');
  // The id, not the summary: VS Code keeps a row's command arguments for as long as the row lives.
  item.command = { command: CommandIds.openCapture, title: vscode.l10n.t('Open Capture'), arguments: [summary.id] };
  const event = summary.event ? vscode.l10n.t(', event {0}', summary.event) : '';
  const signature = badge ? `, ${signatureLabel(badge)}` : '';
  const duplicate = facts.duplicateOf ? vscode.l10n.t(', duplicate of capture {0}', facts.duplicateOf) : '';
  const forwarded = summary.forward ? vscode.l10n.t(', forwarded: {0}', forwardLabel(summary.forward)) : '';
  const damaged = summary.damaged ? vscode.l10n.t(', damaged on disk: {0}', summary.damaged) : '';
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0} request to {1}{2}{3}{4}{5}{6}, {7}, received {8}', summary.method, summary.url, damaged, event, signature, duplicate, forwarded, size, arrival),
    role: 'treeitem',
  };
  return item;
}

/** The row under a route's newest captures that shows older ones. */
export function olderCapturesTreeItem(node: OlderCapturesNode): vscode.TreeItem {
  const next = Math.min(CAPTURES_PER_PAGE, node.hidden);
  const item = new vscode.TreeItem(next === 1 ? vscode.l10n.t('Show 1 older capture') : vscode.l10n.t('Show {0} older captures', next), vscode.TreeItemCollapsibleState.None);
  item.id = `older:${node.parent.route}`;
  item.description = `${node.hidden} not shown`;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.contextValue = 'olderCaptures';
  item.command = { command: CommandIds.showOlderCaptures, title: vscode.l10n.t('Show Older Captures'), arguments: [node.parent.route] };
  item.accessibilityInformation = { label: vscode.l10n.t('Show {0} older captures of {1}, {2} not shown', next, node.parent.route, node.hidden), role: 'treeitem' };
  return item;
}

/** `→ 200 · 12 ms`, or `→ ECONNREFUSED` when the target did not answer. */
export function forwardLabel(forward: ForwardSummary): string {
  return forward.ok ? `→ ${forward.status} · ${Math.round(forward.latencyMs)} ms` : `→ ${forward.error}`;
}

/** The tooltip needs the headers, which live on disk: built only when the user hovers. */
export function captureTooltip(capture: Capture, facts: CaptureFacts = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  if (capture.damaged) md.appendMarkdown(vscode.l10n.t('$(warning) **Damaged on disk.** ')).appendText(capture.damaged).appendMarkdown('\n\n');
  md.appendMarkdown(`**${capture.method}** `).appendText(capture.url);
  md.appendMarkdown('\n\n');
  const lines = [
    capture.truncated ? vscode.l10n.t('{0} (truncated)', formatBytes(capture.bodySize)) : formatBytes(capture.bodySize),
    capture.responseStatus ? vscode.l10n.t('answered {0}', capture.responseStatus) : vscode.l10n.t('answered never (the sender went away)'),
    vscode.l10n.t('received {0}', new Date(capture.receivedAt).toISOString()),
  ];
  md.appendText(lines.join(' · '));
  if (facts.signature && (facts.signature.status !== 'unsigned' || facts.signature.provider !== undefined)) {
    md.appendMarkdown('\n\n');
    md.appendMarkdown(`$(${signatureIcon(facts.signature.status).id}) `).appendText(facts.signature.detail ?? signatureLabel(facts.signature.status));
  }
  if (facts.duplicateOf) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Duplicate of capture {0} (same delivery id {1}).', facts.duplicateOf, capture.deliveryId ?? ''));
  const shown = KEY_HEADERS.filter((name) => capture.headers[name] !== undefined);
  if (shown.length) {
    md.appendMarkdown('\n\n---\n\n');
    for (const name of shown) {
      const value = capture.headers[name];
      md.appendMarkdown('`').appendText(name).appendMarkdown('`: ').appendText(Array.isArray(value) ? value.join(', ') : value).appendMarkdown('  \n');
    }
  }
  return md;
}
