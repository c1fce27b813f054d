// Finds sentences passed as arguments of diagnostics. The catalogue (src/base/catalogue.md)
// holds every sentence a diagnostic prints; a call site passes names, values and variant
// names, never prose. A string typed `string` cannot say that, so this scan reads the
// program: at every report call (a call whose first argument is a catalogue code, or any
// `report`/`reportAt` call) and every call of a generated text function
// (`catalogue.C2Annn.message(...)`), each argument's value is followed to where it is made —
// through variables, object properties, spreads, conditionals and the return statements of
// the functions it comes from — and any string literal or template that is prose is a
// finding. Prose is two words separated by white space: a name, a path, a JSON value or a
// list joined with ', ' is not.
//
// What the scan cannot follow (a function parameter, a property declared only by a type)
// is data by construction here: helpers return variant names and values, which the types
// the generator writes check; the scan catches the helper that returns text instead.

import ts from 'typescript';

/** Two words apart: what a sentence has and a name, a value or a list of names has not. */
const PROSE = /[A-Za-z][A-Za-z'’`]*\s+[A-Za-z`'(]/;
const CODE = /^C2A\d{3}$/;
const MAX_DEPTH = 8;

export interface SentenceFinding {
  /** Where the call is: file:line. */
  call: string;
  /** Where the sentence is written: file:line. */
  at: string;
  text: string;
}

/** The sentences that reach a diagnostic's arguments in the program's files `inScope` accepts. */
export function findSentenceArguments(program: ts.Program, inScope: (fileName: string) => boolean): SentenceFinding[] {
  const checker = program.getTypeChecker();
  const findings: SentenceFinding[] = [];
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    return `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };

  const declarationsOf = (node: ts.Node): ts.Declaration[] => {
    let symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.declarations ?? [];
  };

  /** The expressions a function returns (not those of functions nested in it). */
  const returnsOf = (fn: ts.SignatureDeclaration): ts.Expression[] => {
    if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
    const out: ts.Expression[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
      if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
    };
    const body = (fn as { body?: ts.Node }).body;
    if (body) ts.forEachChild(body, visit);
    return out;
  };

  /** Whether a declaration is this program's own code (not a library's or a generated text). */
  const ownCode = (d: ts.Node) => inScope(d.getSourceFile().fileName);

  const literalText = (e: ts.Expression): string | undefined => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `x${s.literal.text}`).join('');
    return undefined;
  };

  /** Follows a value to where it is made; reports each sentence it finds. */
  const follow = (e: ts.Node, call: ts.Node, depth: number, seen: Set<ts.Node>): void => {
    if (depth > MAX_DEPTH || seen.has(e)) return;
    seen.add(e);
    const next = (n: ts.Node | undefined) => n && follow(n, call, depth + 1, seen);
    if (ts.isExpression(e)) {
      const text = literalText(e);
      if (text !== undefined) {
        if (PROSE.test(text)) findings.push({ call: where(call), at: where(e), text });
        if (ts.isTemplateExpression(e)) for (const span of e.templateSpans) next(span.expression);
        return;
      }
    }
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) return next(e.expression);
    if (ts.isConditionalExpression(e)) {
      next(e.whenTrue);
      return next(e.whenFalse);
    }
    if (ts.isBinaryExpression(e)) {
      next(e.left);
      return next(e.right);
    }
    if (ts.isArrayLiteralExpression(e)) return e.elements.forEach(next);
    if (ts.isSpreadElement(e) || ts.isSpreadAssignment(e)) return next(e.expression);
    if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) next(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) next(p.name);
        else if (ts.isSpreadAssignment(p)) next(p.expression);
      }
      return;
    }
    if (ts.isCallExpression(e)) {
      // A list joined into text with words between its items is a sentence built at run time.
      if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join') {
        const separator = e.arguments[0] && literalText(e.arguments[0]);
        if (separator !== undefined && /[A-Za-z;]/.test(separator)) findings.push({ call: where(call), at: where(e), text: `… .join(${JSON.stringify(separator)})` });
        next(e.expression.expression);
        return;
      }
      if (ts.isPropertyAccessExpression(e.expression) && ['map', 'filter', 'flatMap', 'slice', 'concat', 'sort'].includes(e.expression.name.text)) {
        next(e.expression.expression);
        for (const a of e.arguments) if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) returnsOf(a).forEach(next);
        return;
      }
      for (const d of declarationsOf(ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression)) {
        if (!ownCode(d)) continue;
        if (ts.isFunctionLike(d)) returnsOf(d).forEach(next);
        else if (ts.isVariableDeclaration(d) && d.initializer && ts.isFunctionLike(d.initializer)) returnsOf(d.initializer).forEach(next);
      }
      return;
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const name = ts.isPropertyAccessExpression(e) ? e.name : ts.isElementAccessExpression(e) ? e.argumentExpression : e;
      for (const d of declarationsOf(name)) {
        if (!ownCode(d)) continue;
        if (ts.isVariableDeclaration(d)) {
          next(d.initializer);
          // A `let` is followed to every value assigned to it in its scope.
          if (d.parent.flags & ts.NodeFlags.Let) assignmentsTo(d).forEach(next);
        } else if (ts.isPropertyAssignment(d)) next(d.initializer);
        else if (ts.isShorthandPropertyAssignment(d)) next(d.name);
        else if (ts.isBindingElement(d) && d.initializer) next(d.initializer);
      }
      if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) next(e.expression);
    }
  };

  /** The values assigned to a `let` after its declaration. */
  const assignmentsTo = (d: ts.VariableDeclaration): ts.Expression[] => {
    const symbol = checker.getSymbolAtLocation(d.name);
    const out: ts.Expression[] = [];
    const scope = d.parent.parent.parent;
    const visit = (n: ts.Node) => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && checker.getSymbolAtLocation(n.left) === symbol) out.push(n.right);
      ts.forEachChild(n, visit);
    };
    if (scope) visit(scope);
    return out;
  };

  const isReportCall = (call: ts.CallExpression): boolean => {
    const first = call.arguments[0];
    if (first && ts.isStringLiteralLike(first) && CODE.test(first.text)) return true;
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'report' || callee.name.text === 'reportAt')) return true;
    // catalogue.C2Annn.message(args) / .hint(args): a generated text function.
    return ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && CODE.test(callee.expression.name.text);
  };

  for (const file of program.getSourceFiles()) {
    if (!inScope(file.fileName)) continue;
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && isReportCall(n)) {
        // The arguments object is the last argument, after the code and the location; a
        // generated text function takes it alone.
        const generated = !ts.isStringLiteralLike(n.arguments[0] ?? n) && ts.isPropertyAccessExpression(n.expression) && ts.isPropertyAccessExpression(n.expression.expression) && CODE.test(n.expression.expression.name.text);
        const args = n.arguments[n.arguments.length - 1];
        if (args && (generated || n.arguments.length >= 3)) follow(args, n, 0, new Set());
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return findings;
}
