// What jsii lets through but a portable API must not have: union types, and values exported from the
import ts from 'typescript';
// entry point that are not types of the assembly (free functions, constants), which other languages never see.

/** The parts of a jsii assembly (`.jsii`) read here. */
export interface Assembly {
  readonly name: string;
  readonly types?: Record<string, { readonly kind: string; readonly name: string }>;
}

/** Every union type reference in the assembly, as `Type.member`, and every runtime export jsii left out. */
export function portabilityProblems(assembly: Assembly, runtimeExports: string[]): string[] {
  const problems: string[] = [];
  for (const [fqn, type] of Object.entries(assembly.types ?? {})) {
    for (const where of unionsIn(type, fqn)) problems.push(`${where} has a union type: use a factory class or a string enum`);
  }
  const exported = new Set(Object.values(assembly.types ?? {}).map((t) => t.name));
  for (const name of runtimeExports.filter((n) => !exported.has(n))) {
    problems.push(`lib/index.ts exports "${name}", which is not a class or enum of the assembly: make it a static member of a class`);
  }
  return problems;
}

/** Where under `node` (a type of the assembly) a type reference is a union, as `Type.member.parameter`. */
function unionsIn(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => unionsIn(item, `${path}.${(item as { name?: string })?.name ?? '?'}`));
  if (typeof node !== 'object' || node === null) return [];
  if ('union' in node) return [path];
  return Object.values(node).flatMap((value) => unionsIn(value, path));
}

/**
 * Members of the classes and interfaces `indexFile` exports whose declared type is a union (string literal
 * unions included, which jsii turns into plain strings without a word), ignoring `| undefined`.
 */
export function declaredUnions(indexFile: string): string[] {
  const program = ts.createProgram([indexFile], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(indexFile);
  const moduleSymbol = index && checker.getSymbolAtLocation(index);
  if (!moduleSymbol) return [`cannot read the exports of ${indexFile}`];
  const found: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const declaration of symbol.declarations ?? []) {
      if (!ts.isClassDeclaration(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
      for (const member of declaration.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : 'constructor';
        if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword) || name.startsWith('_')) continue;
        const typed: Array<[string, ts.TypeNode | undefined]> = [];
        if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) typed.push([name, member.type]);
        if (ts.isMethodSignature(member) || ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member)) {
          typed.push([name, member.type]);
          for (const p of member.parameters) if (!hasModifier(p, ts.SyntaxKind.PrivateKeyword)) typed.push([`${name}(${p.name.getText()})`, p.type]);
        }
        for (const [where, type] of typed) if (type && isUnion(type, checker)) found.push(`${symbol.name}.${where}: ${type.getText()}`);
      }
    }
  }
  return found;
}

/** A union after aliases are resolved, in arrays and map values too, other than `| undefined`, booleans and one enum's members. */
function isUnion(node: ts.TypeNode, checker: ts.TypeChecker): boolean {
  return isUnionType(checker.getTypeFromTypeNode(node), checker, 0);
}

function isUnionType(type: ts.Type, checker: ts.TypeChecker, depth: number): boolean {
  if (depth > 4) return false;
  if (checker.isArrayType(type)) return isUnionType(checker.getTypeArguments(type as ts.TypeReference)[0], checker, depth + 1);
  if (!type.isUnion()) {
    const mapValue = type.getProperties().length === 0 ? checker.getIndexInfoOfType(type, ts.IndexKind.String)?.type : undefined;
    return mapValue !== undefined && isUnionType(mapValue, checker, depth + 1);
  }
  const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return false;
  if (members.every((t) => t.flags & ts.TypeFlags.EnumLiteral)) return false;
  if (members.length === 1) return isUnionType(members[0], checker, depth + 1);
  return true;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}
