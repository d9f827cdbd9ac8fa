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

// Every module `from` loads, itself included: what it imports, recursively, and with
// `dynamic` what it imports when it runs too.
function reachableFrom(context, from, dynamic) {
  const reached = new Set([from]);
  const pending = [from];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const info = context.getModuleInfo(id);
    const imports = [
      ...(info?.importedIds ?? []),
      ...(dynamic ? (info?.dynamicallyImportedIds ?? []) : []),
    ];
    for (const imported of imports) {
      if (!reached.has(imported)) {
        reached.add(imported);
        pending.push(imported);
      }
    }
  }
  return reached;
}

const MAIN = /[\\/]src[\\/]cli[\\/]main\.ts$/;
const RUN = /[\\/]src[\\/]cli[\\/]run-command\.ts$/;
const EXPLAIN = /[\\/]src[\\/]cli[\\/]explain-command\.ts$/;
// What starting the executable loads, what `run` loads, and what `explain` may load; found
// once the module graph is built, read when the chunks are made.
const loads = { start: new Set(), run: new Set(), explain: new Set() };
const commandGraph = {
  name: 'command-graph',
  buildEnd() {
    for (const id of this.getModuleIds()) {
      if (MAIN.test(id)) loads.start = reachableFrom(this, id, false);
      if (RUN.test(id)) loads.run = reachableFrom(this, id, false);
      if (EXPLAIN.test(id)) loads.explain = reachableFrom(this, id, true);
    }
  },
};

const config = defineConfig({
  input: { dispatchsim: 'src/cli/main.ts' },
  plugins: [commanderSpawnsLazily, commandGraph],
  platform: 'node',
  // The entry exports nothing: its chunk may gain exports for the chunks it shares modules with.
  preserveEntrySignatures: 'allow-extension',
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
    // Few chunks (issue 12, start-up): Node takes ~0.5 ms to resolve, read and link each ES
    // module (25 one-line modules: +12.5 ms, min of 40 runs), and automatic chunking gave a
    // one-session run 28 files, 20 of them under 2 KB. Now it loads four and a re-export: the
    // entry, rolldown's runtime, `initial` (what starting loads, and what run and explain
    // share) and `run` (what run loads besides). main.ts stays alone in the entry: its
    // top-level await would deadlock a chunk that a command's chunk imports from. `run` leaves
    // out explain's modules (with them, explain loaded all of run: +22 ms) and takes no
    // dependency of its own modules along: none can import it back (what start, explain, and
    // run and explain together load is closed under imports), so no chunks import each
    // other in a cycle. Other commands' modules are chunked automatically.
    codeSplitting: {
      groups: [
        {
          name: 'initial',
          test: (id) =>
            !MAIN.test(id) && (loads.start.has(id) || (loads.run.has(id) && loads.explain.has(id))),
          priority: 2,
        },
        {
          name: 'run',
          test: (id) => loads.run.has(id) && !loads.explain.has(id),
          includeDependenciesRecursively: false,
          priority: 1,
        },
      ],
    },
  },
});

export default config;

if (argv[1] === fileURLToPath(import.meta.url)) await build(config);
