import * as vscode from 'vscode';
import type { CaptureTreeNode } from './captureTreeItems';
import type { CaptureTreeProvider } from './captureTreeProvider';

/**
 * The captures view's data provider from activation on: the first time the view asks for its rows
 * (it is visible) the capture store is opened; from then on every call goes to the real provider.
 */
export class DeferredCaptureTree implements vscode.TreeDataProvider<CaptureTreeNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<CaptureTreeNode | CaptureTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private provider: CaptureTreeProvider | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(private readonly open: (why: string) => Promise<{ captureTree: CaptureTreeProvider }>) {}

  /** Hands the view over to the real provider (nodes only ever come from it). */
  attach(provider: CaptureTreeProvider): void {
    this.provider = provider;
    this.subscription = provider.onDidChangeTreeData((node) => this._onDidChangeTreeData.fire(node));
    this._onDidChangeTreeData.fire(undefined);
  }

  async getChildren(node?: CaptureTreeNode): Promise<CaptureTreeNode[]> {
    const { captureTree } = await this.open('the captures view is showing');
    return captureTree.getChildren(node);
  }

  getTreeItem(node: CaptureTreeNode): Promise<vscode.TreeItem> {
    return this.real().getTreeItem(node);
  }

  getParent(node: CaptureTreeNode): CaptureTreeNode | undefined {
    return this.real().getParent(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: CaptureTreeNode): Promise<vscode.TreeItem> {
    return this.real().resolveTreeItem(item, node);
  }

  dispose(): void {
    this.subscription?.dispose();
    this._onDidChangeTreeData.dispose();
  }

  private real(): CaptureTreeProvider {
    if (!this.provider) throw new Error('The captures view asked for a node before the capture store was open.');
    return this.provider;
  }
}
