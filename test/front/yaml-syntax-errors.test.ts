// C2A001 names the yaml library's errors it knows as variants whose text keeps the library's
// words; an error it does not know keeps the library's first line as libraryMessage.

import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { catalogue } from '../../src/base/messages.js';
import { syntaxProblem } from '../../src/yaml/reader.js';

const firstError = (text: string) => parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false }).flatMap((d) => ('errors' in d ? d.errors : []))[0]!;

describe('YAML syntax errors as variants of C2A001', () => {
  test.each([
    ['a:\n\t- b\n', 'tab-indent'],
    ['a: "open\n', 'unclosed-double-quote'],
    ["a: 'open\n", 'unclosed-single-quote'],
    ['a: b: c\n', 'nested-compact-mapping'],
    ['a: &x &y b\n', 'several-anchors'],
    ['a: "\\q"\n', 'invalid-escape'],
  ])('%j gives the variant %s, whose text is the library\'s', (text, variant) => {
    const error = firstError(text);
    const problem = syntaxProblem(error.code, error.message.split('\n')[0]!);
    expect(problem.problem).toBe(variant);
    expect(catalogue.C2A001.message(problem)).toBe(`YAML syntax error: ${error.message.split('\n')[0]}`);
  });

  test('an error the reader does not name keeps the library text as the documented fallback', () => {
    expect(syntaxProblem('BAD_DIRECTIVE', 'Unknown directive %FOO')).toEqual({ problem: 'yaml-library', libraryMessage: 'Unknown directive %FOO' });
    expect(syntaxProblem('MISSING_CHAR', 'Missing , between flow map items')).toEqual({ problem: 'yaml-library', libraryMessage: 'Missing , between flow map items' });
  });
});
