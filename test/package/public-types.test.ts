// Every type a public signature names can be imported from the package (user report,
// 2026-12-03): `validateScenario` returned a ScenarioValidation, `EventBus.emit` took a
// PayloadFieldsOf and EventDescriptor held PayloadField and ManifestValue rows, none of which
// a strict project could name. Read with the TypeScript compiler from the sources the
// package's entry points build from: what each export's declaration names (parameters,
// returns, members, heritage, and what unexported types it names name in turn) must be
// exported by an entry point, but for the plumbing listed below.
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const entryPoints = ['src/index.ts', 'src/vitest/index.ts'];

// Helper types that only build the exported ones (hovers show them expanded), and the zod
// schemas and constant lists whose types are exported under their own names.
const plumbing = new Set([
  'Brand',
  'Distribute',
  'EntryOf',
  'EventBase',
  'Flatten',
  'SessionActivity',
  'SpecificAnnotations',
  'appPoolSchema',
  'appSchema',
  'configSchema',
  'expectationSchema',
  'faultRuleSchema',
  'retryableResults',
]);

function unexportedTypes(): Map<string, Set<string>> {
  const configFile = ts.findConfigFile(root, ts.sys.fileExists.bind(ts.sys), 'tsconfig.json');
  if (configFile === undefined) throw new Error('no tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig.json does not parse');
  const program = ts.createProgram({
    rootNames: entryPoints.map((entry) => resolve(root, entry)),
    options: config.options,
  });
  const checker = program.getTypeChecker();
  const resolveAlias = (symbol: ts.Symbol): ts.Symbol =>
    symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const inSources = (node: ts.Node): boolean =>
    node.getSourceFile().fileName.startsWith(`${root}/src/`);

  const exported = new Set<ts.Symbol>();
  for (const entry of entryPoints) {
    const source = program.getSourceFile(resolve(root, entry));
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`${entry} is not a module`);
    for (const symbol of checker.getExportsOfModule(module)) exported.add(resolveAlias(symbol));
  }

  const missing = new Map<string, Set<string>>();
  const visited = new Set<ts.Symbol>();
  const isHidden = (node: ts.Node): boolean =>
    (ts.isClassElement(node) && node.name !== undefined && ts.isPrivateIdentifier(node.name)) ||
    (ts.canHaveModifiers(node) &&
      (ts.getModifiers(node) ?? []).some(
        (modifier) =>
          modifier.kind === ts.SyntaxKind.PrivateKeyword ||
          modifier.kind === ts.SyntaxKind.ProtectedKeyword,
      ));
  const visit = (node: ts.Node, owner: string): void => {
    if (isHidden(node)) return;
    // A function's signature, not its body.
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      for (const parameter of node.parameters) visit(parameter, owner);
      if (node.type !== undefined) visit(node.type, owner);
      for (const parameter of node.typeParameters ?? []) visit(parameter, owner);
      return;
    }
    // A constant's value is not part of its type unless the type is written.
    if (ts.isVariableDeclaration(node)) {
      if (node.type !== undefined) visit(node.type, owner);
      return;
    }
    const name = ts.isTypeReferenceNode(node)
      ? node.typeName
      : ts.isExpressionWithTypeArguments(node)
        ? node.expression
        : ts.isTypeQueryNode(node)
          ? node.exprName
          : undefined;
    const found = name === undefined ? undefined : checker.getSymbolAtLocation(name);
    if (found !== undefined) named(resolveAlias(found), owner);
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  const named = (symbol: ts.Symbol, owner: string): void => {
    const declaration = symbol.declarations?.[0];
    if (
      declaration === undefined ||
      !inSources(declaration) ||
      symbol.flags & ts.SymbolFlags.TypeParameter ||
      exported.has(symbol)
    )
      return;
    if (!plumbing.has(symbol.name)) {
      const users = missing.get(symbol.name) ?? new Set<string>();
      users.add(owner);
      missing.set(symbol.name, users);
    }
    // What an unexported type names is as unreachable to a user as the type itself.
    if (visited.has(symbol)) return;
    visited.add(symbol);
    for (const part of symbol.declarations ?? []) visitDeclaration(part, owner);
  };
  const visitDeclaration = (declaration: ts.Declaration, owner: string): void => {
    if (!inSources(declaration)) return;
    if (ts.isClassDeclaration(declaration)) {
      for (const member of declaration.members) visit(member, owner);
      for (const clause of declaration.heritageClauses ?? []) visit(clause, owner);
      return;
    }
    visit(declaration, owner);
  };
  for (const symbol of exported) {
    for (const declaration of symbol.declarations ?? []) visitDeclaration(declaration, symbol.name);
  }
  return missing;
}

describe('the public types', () => {
  it('are all exported: every type a public signature names can be imported', () => {
    const missing = [...unexportedTypes()].map(
      ([name, users]) => `${name} (named by ${[...users].sort().join(', ')})`,
    );
    expect(missing.sort()).toEqual([]);
  }, 60_000);
});
