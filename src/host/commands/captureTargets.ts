import type * as vscode from 'vscode';
import type { CaptureTreeNode } from '../views/captureTreeItems';

/** The capture ids a command acts on: an id, the clicked node or the multi-selection, routes expanded. */
export function captureIdsOf(node: CaptureTreeNode | string | undefined, selected: readonly CaptureTreeNode[] | undefined, treeView: vscode.TreeView<CaptureTreeNode>): string[] {
  if (typeof node === 'string') return [node];
  const nodes = selected?.length ? selected : node ? [node] : treeView.selection;
  return [...new Set(nodes.flatMap((n) => (n.kind === 'capture' ? [n.summary.id] : n.kind === 'route' ? n.captures.map((c) => c.id) : [])))];
}
