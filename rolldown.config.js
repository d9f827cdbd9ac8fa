// The command line as one bundle (issue 12, start-up): dist/bin/dispatchsim.js and the chunks
// of the commands it imports when they run, built from src/ with source maps that carry their
// sources. Loading ~200 small modules (95 of them zod's) cost more than running a small
// scenario; one bundle halves a one-session run's CPU time. The library (dist/index.js),
// the vitest entry and the worker threads stay tsc's one-file-per-module output. Every chunk
// sits in dist/bin/, one folder below dist/ like dist/cli/, so paths built from
// import.meta.url (../../scenarios/, ../../package.json, ../io/case-worker.js,
// ../live/echo-worker.js) resolve the same from both. `npm run build` runs it through
// rolldown's API (`node rolldown.config.js`), which prints nothing unless something fails.
import { build, defineConfig } from 'rolldown';
import { argv } from 'node:process';
import { fileURLToPath, URL } from 'node:url';

// commander loads node:child_process when it loads, for subcommands that are executables of
// their own (it spawns them); dispatchsim has none. Loading child_process (and net, dgram
// and stream with it) cost a one-session run ~4 ms (CPU profile, mean of 5). In the bundle,
// commander's child_process is this stub, which loads the real one only if spawn is called.
const LAZY_CHILD_PROCESS = '\0commander-lazy-child-process';
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  resolveId(source, importer) {
    return source === 'node:child_process' &&
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer ?? '')
      ? LAZY_CHILD_PROCESS
      : null;
  },
  load(id) {
    return id === LAZY_CHILD_PROCESS
      ? "exports.spawn = (...args) => process.getBuiltinModule('node:child_process').spawn(...args);"
      : null;
  },
};

const config = defineConfig({
  input: { dispatchsim: 'src/cli/main.ts' },
  plugins: [commanderSpawnsLazily],
  platform: 'node',
  // piscina starts worker threads from files; it stays a package the bundle imports.
  external: ['piscina'],
  // yaml's `node` export is CommonJS: bundled, its whole module graph runs at load through
  // a CommonJS wrapper. Its `default` export is the same code as ES modules, which the
  // bundle can tree-shake and load like the rest (issue 12, start-up: a one-session run
  // 5-7 ms sooner, min of 50 alternating runs). The two differ only where no command goes:
  // yaml's own warnings go to console.warn instead of process.emitWarning (scenario files
  // are read node by node, and what the commands stringify has only string keys), and its
  // LOG_TOKENS/LOG_STREAM debugging variables are not read.
  resolve: {
    alias: { yaml: fileURLToPath(new URL('node_modules/yaml/browser/index.js', import.meta.url)) },
  },
  output: {
    dir: 'dist/bin',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    sourcemap: true,
    // Minified (issue 12, start-up): V8 scans every byte of a chunk it loads, and the chunks a
    // one-session run loads shrink from 844 KB to 447 KB. Identifiers are mangled, nothing
    // else is rewritten (no compress); keepNames keeps every function's and class's `name`,
    // which errors use (DispatchsimError sets `name` from its class). DISPATCHSIM_DEBUG=1
    // maps a stack back to the TypeScript sources.
    minify: { compress: false, mangle: true },
    keepNames: true,
    // Chunk names carry a content hash: without cleaning, every build would leave the last
    // build's chunks beside the new ones, and `npm pack` would ship them.
    cleanDir: true,
  },
});

export default config;

if (argv[1] === fileURLToPath(import.meta.url)) await build(config);
