#!/usr/bin/env node
// Lays out a Graphviz DOT graph with the dot engine and writes it as SVG: DOT on standard input, SVG on standard
// output. The review runs it to draw its architecture diagram (review/Io/GraphvizRenderer.cs); the layout engine is
// Graphviz compiled to WebAssembly, from the npm package @viz-js/viz pinned in the repository's package.json.
// Exit codes: 0 drawn; 1 the DOT could not be laid out (Graphviz's messages on stderr); 3 @viz-js/viz is not installed.
'use strict';

let viz;
try {
  viz = require('@viz-js/viz');
} catch (e) {
  process.stderr.write(`@viz-js/viz is not installed (${e.code || e.message}): run "npm ci" in the repository\n`);
  process.exit(3);
}

const chunks = [];
process.stdin.on('data', chunk => chunks.push(chunk));
process.stdin.on('end', async () => {
  const dot = Buffer.concat(chunks).toString('utf8');
  const instance = await viz.instance();
  const result = instance.render(dot, { format: 'svg', engine: 'dot' });
  for (const error of result.errors) {
    process.stderr.write(`graphviz ${error.level || 'message'}: ${error.message}\n`);
  }
  if (result.status !== 'success') {
    process.exit(1);
  }
  process.stdout.write(result.output);
});
