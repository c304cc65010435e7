// Lints sources given on stdin as JSON, `[{ "path": "apps/…/x.ts", "source": "…" }]`, each as if it
// were the file at its path, with the workspace's configuration; prints each one's messages as
// JSON, in order. Nothing is written to disk. One process for all: Nx's project graph is built once.
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const files = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint();
const messages = [];
for (const { path, source } of files) {
  const [result] = await eslint.lintText(source, { filePath: path });
  messages.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(messages));
