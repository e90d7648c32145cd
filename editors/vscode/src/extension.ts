// Starts `bigdata-lint server` for the files bigdata-lint checks and restarts it when the
// binary setting changes. Everything else (diagnostics, quick fixes, settings files) is the
// server's.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function binary(): string {
  const configured = vscode.workspace.getConfiguration("bigdata-lint").get<string>("path");
  return configured && configured.trim() !== "" ? configured : "bigdata-lint";
}

async function start(): Promise<void> {
  const command = binary();
  const serverOptions: ServerOptions = {
    run: { command, args: ["server"] },
    debug: { command, args: ["server"] },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides from the name and content whether it checks a file; these are the
    // languages such files open as.
    documentSelector: ["java", "yaml", "xml", "properties", "sql", "groovy", "kotlin", "toml"].map(
      (language) => ({ scheme: "file", language }),
    ),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.bigdata-lint.{yaml,yml}"),
    },
  };
  client = new LanguageClient("bigdata-lint", "bigdata-lint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `bigdata-lint: cannot start \`${command} server\` (set bigdata-lint.path): ${error}`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("bigdata-lint.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

async function stop(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

export function deactivate(): Promise<void> {
  return stop();
}
