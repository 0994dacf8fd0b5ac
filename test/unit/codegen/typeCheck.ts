// Compiles generated declarations together with code that uses them, all in one in-memory program
// under `strict`, so many cases cost one type-check.
import * as ts from 'typescript';

export interface CheckedFile {
  /** A file name without extension, unique in the batch. */
  name: string;
  /** The source: generated declarations plus whatever uses them. */
  text: string;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  lib: ['lib.es2022.d.ts'],
  types: [],
  skipLibCheck: true,
};

const libFiles = new Map<string, ts.SourceFile | undefined>();

/** Type-checks the files in one program; returns the diagnostics of each, formatted, by name. */
export function typeCheck(files: readonly CheckedFile[], options: ts.CompilerOptions = OPTIONS): Map<string, string[]> {
  const sources = new Map(files.map((file) => [`/virtual/${file.name}.ts`, file.text]));
  const host = ts.createCompilerHost(options);
  const readLib = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion) => {
    const text = sources.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion);
    if (!libFiles.has(fileName)) libFiles.set(fileName, readLib(fileName, languageVersion));
    return libFiles.get(fileName);
  };
  host.fileExists = (fileName) => sources.has(fileName) || ts.sys.fileExists(fileName);
  const program = ts.createProgram([...sources.keys()], options, host);
  const result = new Map<string, string[]>(files.map((file) => [file.name, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file?.fileName.replace(/^\/virtual\/(.*)\.ts$/, '$1') ?? '(global)';
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const line = diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
      : 0;
    if (!result.has(name)) result.set(name, []);
    result.get(name)?.push(`line ${line}: ${message.slice(0, 400)}`);
  }
  return result;
}

/** A file declaring the generated types and assigning every sample to `typeName`. */
export function samplesFile(name: string, types: string, typeName: string, samples: readonly unknown[]): CheckedFile {
  const assignments = samples.map((sample, i) => `export const sample${i}: ${typeName} = ${JSON.stringify(sample)};`);
  return { name, text: `${types}\n${assignments.join('\n')}\n` };
}

/** Every name the standard library and the DOM declare globally, as types or values. */
export function globalNames(): Set<string> {
  const options: ts.CompilerOptions = { ...OPTIONS, lib: ['lib.es2022.full.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'] };
  const host = ts.createCompilerHost(options);
  const readLib = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion) =>
    fileName === '/virtual/script.ts' ? ts.createSourceFile(fileName, 'var probe = 1;', languageVersion) : readLib(fileName, languageVersion);
  const program = ts.createProgram(['/virtual/script.ts'], options, host);
  const script = program.getSourceFile('/virtual/script.ts');
  if (!script) throw new Error('probe script missing');
  const meaning = ts.SymbolFlags.Type | ts.SymbolFlags.Value | ts.SymbolFlags.Namespace;
  return new Set(program.getTypeChecker().getSymbolsInScope(script, meaning).map((symbol) => symbol.name));
}

export interface DeclarationFacts {
  names: string[];
  /** `Interface.member` paths whose type contains a string literal. */
  literalMembers: string[];
  usesAny: boolean;
}

/** What the generated declarations declare, read from their syntax tree. */
export function declarationFacts(types: string): DeclarationFacts {
  const source = ts.createSourceFile('generated.ts', types, ts.ScriptTarget.ES2022, true);
  const facts: DeclarationFacts = { names: [], literalMembers: [], usesAny: false };
  const visit = (node: ts.Node, owner: string | undefined): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) facts.usesAny = true;
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) && owner) facts.literalMembers.push(owner);
    let next = owner;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      facts.names.push(node.name.text);
      next = node.name.text;
    } else if (ts.isPropertySignature(node) && owner && !owner.includes('.')) {
      next = `${owner}.${node.name.getText(source)}`;
    }
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(source, undefined);
  return facts;
}
