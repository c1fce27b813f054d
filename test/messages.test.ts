// The catalogue (src/base/catalogue.md) is the source of every diagnostic's text; the typed
// module passes import is generated from it and committed. These tests keep the two in step
// and pin the catalogue syntax the generator reads.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script without type declarations
import { CATALOGUE, MODULE, generate, parseCatalogue } from '../scripts/generate-messages.js';
import { catalogue } from '../src/base/messages.js';

const entry = (body: string) => `# prose\n\n## C2A999 sample-entry\n${body}\n`;

describe('the generated message module', () => {
  it('is what the generator writes from the catalogue now (edit the catalogue, then run npm run build)', () => {
    expect(readFileSync(MODULE, 'utf8')).toBe(generate(readFileSync(CATALOGUE, 'utf8')));
  });

  it('has every entry of the catalogue, with its severity and summary', () => {
    const entries = parseCatalogue(readFileSync(CATALOGUE, 'utf8')) as { code: string; severity: string; summary: string }[];
    expect(entries.map((e) => e.code)).toEqual(Object.keys(catalogue));
    for (const e of entries) {
      const generated = catalogue[e.code as keyof typeof catalogue];
      expect([generated.severity, generated.summary]).toEqual([e.severity, e.summary]);
    }
  });
});

describe('the catalogue syntax', () => {
  const render = (body: string, args: Record<string, unknown>) => {
    const code = generate(entry(body)) as string;
    const start = code.lastIndexOf('    message: (') + 4;
    const arrow = code.slice(start + 'message: '.length, code.indexOf(',\n', start));
    const format = {
      plural: (n: number, one: string, other: string) => (n === 1 ? one : other),
      json: (v: unknown) => JSON.stringify(v),
    };
    // The generated arrow function, evaluated with the formatters it names.
    const fn = new Function('format', `return ${arrow.replace(/\(a: \w+\)/, '(a)')};`)(format) as (a: unknown) => string;
    return fn(args);
  };

  it('joins continuation lines with one space and reads placeholders, formatters and %%', () => {
    expect(render('error: s\nargs: n: number; v\nmessage: %n% %n:plural(file,files)% at\n  100%% of %v:json%', { n: 2, v: 'x' })).toBe(
      '2 files at 100% of "x"',
    );
  });

  it('chooses with %if%, %else% and nested conditions', () => {
    const body = "error: s\nargs: a?; b: boolean\nmessage: %if a%A=%a%%else%%if !b%no b%else%b%end%%end%.";
    expect(render(body, { a: '1', b: false })).toBe('A=1.');
    expect(render(body, { b: false })).toBe('no b.');
    expect(render(body, { b: true })).toBe('b.');
  });

  it('gives a variant\'s slots to the entry\'s texts, typed by the variant\'s name', () => {
    const code = generate(entry("error: s\nargs: mode\nmessage: '%mode%': %reason%\n\n### reason host\nreason: the node's network\n\n### reason other\nargs: service\nreason: shared with '%service%'")) as string;
    expect(code).toContain("export type C2A999Args = { mode: string } & ({ reason: 'host' } | { reason: 'other'; service: string });");
    expect(code).toContain("case 'other':\n      return { reason: `shared with '${a.service}'` };");
  });

  it('reads a list of a shared group\'s variants, as an entry\'s argument or a variant\'s, as the list of their slot', () => {
    const shared = "## group colour\n### colour red\nword: red\n\n### colour named\nargs: name\nword: '%name%'\n";
    const code = generate(
      `# prose\n\n${shared}\n## C2A999 sample-entry\nerror: s\nargs: colours: colour[]\nmessage: %colours:joined%; %more%\n\n### extra none\nmore: none\n\n### extra some\nargs: others: colour[]\nmore: %others:joined%\n`,
    ) as string;
    expect(code).toContain("export type C2A999Args = { colours: Array<{ colour: 'red' } | { colour: 'named'; name: string }> } & ({ extra: 'none' } | { extra: 'some'; others: Array<{ colour: 'red' } | { colour: 'named'; name: string }> });");
    expect(code).toContain('return { more: `${format.joined(a.others.map((x) => groupColour(x).word!))}` };');
    expect(code).toContain('message: (a: C2A999Args) => `${format.joined(a.colours.map((x) => groupColour(x).word!))}; ${c2a999Extra(a).more}`');
    expect(code).toContain("case 'named':\n      return { word: `'${a.name}'` };");
  });

  it('refuses what it cannot read, at its line', () => {
    expect(() => generate(entry('fatal: s\nmessage: m'))).toThrow(/catalogue.md:4: .*not fatal/);
    expect(() => generate(entry('error: s\nmessage: %missing%'))).toThrow(/%missing% is neither an argument nor a slot/);
    expect(() => generate(entry('error: s\nmessage: %if a%open'))).toThrow(/without %end%/);
    expect(() => generate(entry('error: s'))).toThrow(/has no message/);
    expect(() => generate(`${entry('error: s\nmessage: m')}\n## C2A999 other-name\nerror: s\nmessage: m\n`)).toThrow(/C2A999 is defined twice/);
  });
});
