#!/usr/bin/env bash
# The VS Code extension builds from its lock file, and its manifest starts the server for the
# languages of the files bigdata-lint checks.
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"

if ! command -v npm >/dev/null; then
  echo "npm is required to build editors/vscode" >&2
  exit 1
fi
npm ci --no-audit --no-fund
npm run compile
test -s out/extension.js

node -e '
const manifest = require("./package.json");
const events = manifest.activationEvents;
for (const language of ["java", "yaml", "xml", "properties", "sql"]) {
  if (!events.includes(`onLanguage:${language}`)) {
    console.error(`package.json: no activation event for ${language}`);
    process.exit(1);
  }
}
const setting = manifest.contributes.configuration.properties["bigdata-lint.path"];
if (!setting || setting.default !== "bigdata-lint") {
  console.error("package.json: bigdata-lint.path must default to bigdata-lint on PATH");
  process.exit(1);
}
'
echo "VS Code extension: built, manifest checked"
