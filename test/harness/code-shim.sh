#!/bin/sh
# Stands in for a VS Code executable in @vscode/test-electron's runTests({ vscodeExecutablePath }):
# runs the requested extension tests inside code-server's real extension host, driven by Chromium.
here=$(dirname "$0")
exec node "$here/runInWorkbench.js" "$@"
