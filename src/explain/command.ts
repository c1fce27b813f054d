// `compose2agent explain <compose-file|values-file…>`: the CLI layer of the explanation. It
// parses the options, reads the files, converts a Compose file as `convert` does, renders
// the values as `render` does, and prints the explanation of the rendered manifests. The
// main CLI hands it the arguments after `explain`, so other commands never load it.

import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import type { CliIO } from '../cli.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostics, summaryLine } from '../format.js';
import { readHostEntry, readStdin, readTextFile } from '../io.js';
import { inputKinds } from './input-kind.js';

const EXIT_OK = 0;
const EXIT_REJECTED = 1;
const EXIT_FAULT = 2;

export const EXPLAIN_DESCRIPTION =
  'explain what a sandbox can do: its pods, the names that resolve inside it, who may reach whom, and its internet access';

export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

interface ExplainCliOptions {
  format: ExplainFormat;
  values?: boolean;
  release: string;
  namespace: string;
  envFile: string[];
  profile: string[];
  imageRegistry?: string;
  imageTag?: string;
  strict?: boolean;
  allowPrivileged?: boolean;
  quiet?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function buildCommand(io: CliIO, run: (files: string[], opts: ExplainCliOptions) => Promise<void>): Command {
  return new Command('compose2agent explain')
    .description(EXPLAIN_DESCRIPTION)
    .usage('[options] <compose-file|values-file...>')
    .argument(
      '<files...>',
      "a compose file ('-' for stdin) or agent-env values files; values.yaml, helm-values.yaml and *.values.yaml are values files, " +
        'other names compose files; files after the first are values files merged over it',
    )
    .addOption(new Option('--format <format>', 'output format').choices(EXPLAIN_FORMATS as unknown as string[]).default('text'))
    .option('--values', 'read every file as an agent-env values file, whatever its name')
    .option('--release <name>', 'Helm release name to render with', 'release-name')
    .option('--namespace <ns>', 'namespace to render with', 'default')
    .option('--env-file <file>', 'read interpolation variables from this file instead of .env (repeatable)', collect, [])
    .option('--profile <name>', 'activate a Compose profile (repeatable)', collect, [])
    .option('--image-registry <prefix>', 'registry prefix for images of services that are only built from source')
    .option('--image-tag <tag>', 'tag for images of services that are only built from source')
    .option('--strict', 'reject what the reference converter rejects (no extensions beyond it)')
    .option('--allow-privileged', 'let `privileged: true` through for every service that asks (each is still warned about)')
    .option('-q, --quiet', 'do not print info diagnostics')
    .showHelpAfterError('(run compose2agent explain --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .action(run);
}

/** How diagnostics name a file: relative to the working directory when it is below it. */
function displayName(io: CliIO, absolute: string): string {
  return absolute.startsWith(io.cwd + '/') ? absolute.slice(io.cwd.length + 1) : absolute;
}

function reportDiagnostics(io: CliIO, diagnostics: readonly Diagnostic[], quiet: boolean): void {
  const shown = quiet ? diagnostics.filter((d) => d.severity !== 'info') : diagnostics;
  if (shown.length === 0) return;
  io.stderr(formatDiagnostics(shown, 'text', io.isTTY && !io.env.NO_COLOR) + '\n' + summaryLine(diagnostics) + '\n');
}

async function runExplain(io: CliIO, files: string[], opts: ExplainCliOptions): Promise<number> {
  const inputs: { file: string; path: string; text: string }[] = [];
  for (const file of files) {
    if (file === '-') {
      inputs.push({ file, path: resolve(io.cwd, 'compose.yaml'), text: readStdin() });
      continue;
    }
    const path = resolve(io.cwd, file);
    const text = readTextFile(path);
    if (text === undefined) {
      io.stderr(`compose2agent: cannot read ${file}: no such file or not readable\n`);
      return EXIT_FAULT;
    }
    inputs.push({ file, path, text });
  }
  const kinds = inputKinds(files, Boolean(opts.values));
  const diagnostics: Diagnostic[] = [];
  let base: unknown;
  const [first] = inputs;
  if (first && kinds[0] === 'compose') {
    const { convert } = await import('../compile.js');
    const converted = convert(first.text, {
      filename: displayName(io, first.path),
      envFiles: opts.envFile.map((f) => displayName(io, resolve(io.cwd, f))),
      profiles: opts.profile,
      imageRegistry: opts.imageRegistry,
      imageTag: opts.imageTag,
      strict: opts.strict,
      allowPrivileged: opts.allowPrivileged,
      host: {
        env: io.env,
        readFile: (p) => readTextFile(resolve(io.cwd, p)),
        readEntry: (p) => readHostEntry(resolve(io.cwd, p)),
      },
    });
    diagnostics.push(...converted.diagnostics);
    if (converted.values === undefined) {
      reportDiagnostics(io, diagnostics, Boolean(opts.quiet));
      return EXIT_REJECTED;
    }
    base = converted.values;
  }
  const valuesInputs = inputs
    .filter((_, i) => kinds[i] === 'values')
    .map((input) => ({ path: displayName(io, input.path), text: input.text }));
  const { renderValues } = await import('../render/index.js');
  const rendered = renderValues(valuesInputs, { release: opts.release, namespace: opts.namespace }, base);
  diagnostics.push(...rendered.diagnostics);
  reportDiagnostics(io, diagnostics, Boolean(opts.quiet));
  if (rendered.documents === undefined) return EXIT_REJECTED;

  const { explainManifests, formatExplanationJson, formatExplanationText } = await import('./index.js');
  const explanation = explainManifests(rendered.documents, { release: opts.release, namespace: opts.namespace });
  if (opts.format === 'json') {
    io.stdout(formatExplanationJson(explanation));
  } else {
    const colour = Boolean(io.stdoutIsTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
    const source = files.map((f, i) => `${f === '-' ? '<stdin>' : f} (${kinds[i]})`).join(' + ');
    io.stdout(formatExplanationText(explanation, { colour, source }));
  }
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_REJECTED : EXIT_OK;
}

/** `compose2agent explain ARGS...`: the exit code (0 explained, 1 input rejected, 2 usage error). */
export async function runExplainCli(args: string[], io: CliIO): Promise<number> {
  let code = EXIT_OK;
  const command = buildCommand(io, async (files, opts) => {
    code = await runExplain(io, files, opts);
  });
  try {
    await command.parseAsync(args, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' ? EXIT_OK : EXIT_FAULT;
    }
    throw err;
  }
}
