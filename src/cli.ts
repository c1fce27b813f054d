// The command line: a thin layer over the library. It is the only place that reads files,
// writes stdout/stderr and decides exit codes:
//   0 converted (warnings allowed), 1 input rejected, 2 usage error or internal fault.

import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convert, PASS_NAMES, planImages, type ConvertOptions, type PassName } from './compile.js';
import type { KeysFormat } from './keys-format.js';
import type { Diagnostic } from './diagnostics.js';
import { formatDiagnostics, OUTPUT_FORMATS, summaryLine, type OutputFormat } from './format.js';
import { nodeHost, readHostEntry, readStdin, readTextFile, writeFileAtomic } from './io.js';
import { printYaml } from './yaml-out.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (colour of diagnostics, progress line). */
  isTTY: boolean;
  /** Whether stdout is a terminal (colour of reports printed there). */
  stdoutIsTTY?: boolean;
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_FAULT = 2;

/** A bug in compose2agent, not in the input: exit 2 with a stack trace. */
export class UsageError extends Error {}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface CommonOutputOptions {
  format: OutputFormat;
  quiet?: boolean;
}

function reportDiagnostics(io: CliIO, diagnostics: Diagnostic[], opts: CommonOutputOptions): void {
  const shown = opts.quiet ? diagnostics.filter((d) => d.severity !== 'info') : diagnostics;
  if (opts.format === 'text') {
    const colour = io.isTTY && !io.env.NO_COLOR;
    if (shown.length) io.stderr(formatDiagnostics(shown, 'text', colour) + '\n' + summaryLine(diagnostics) + '\n');
  } else {
    io.stderr(formatDiagnostics(shown, opts.format));
  }
}

function exitFor(diagnostics: Diagnostic[]): number {
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_REJECTED : EXIT_OK;
}

function writeOutput(io: CliIO, text: string, outFile?: string): void {
  if (outFile) writeFileAtomic(resolve(io.cwd, outFile), text);
  else io.stdout(text);
}

function readInput(io: CliIO, file: string): { path: string; text: string } {
  if (file === '-') return { path: '<stdin>', text: readStdin() };
  const path = resolve(io.cwd, file);
  const text = readTextFile(path);
  if (text === undefined) throw new UsageError(`cannot read ${file}: no such file or not readable`);
  return { path, text };
}

/** How diagnostics name a file: relative to the working directory when it is below it. */
function displayName(io: CliIO, absolute: string): string {
  if (absolute.startsWith(io.cwd + '/')) return absolute.slice(io.cwd.length + 1);
  return absolute;
}

interface ConvertCliOptions extends CommonOutputOptions, ConversionCliOptions {
  emit: 'values' | 'manifests';
  output?: string;
  release: string;
  namespace: string;
  values: string[];
  printAfter?: PassName;
}

/** The conversion options every command that reads a compose file shares. */
interface ConversionCliOptions {
  envFile: string[];
  profile: string[];
  imageRegistry?: string;
  imageTag?: string;
  strict?: boolean;
  allowPrivileged?: boolean;
}

/** Reads a compose file (or stdin) and turns the command's options into ConvertOptions. */
function conversionInput(io: CliIO, file: string, opts: ConversionCliOptions): { text: string; options: ConvertOptions } {
  const input = readInput(io, file);
  const filename = input.path === '<stdin>' ? resolve(io.cwd, 'compose.yaml') : input.path;
  return {
    text: input.text,
    options: {
      filename: displayName(io, filename),
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
    },
  };
}

async function runConvert(io: CliIO, file: string, opts: ConvertCliOptions): Promise<number> {
  const input = conversionInput(io, file, opts);
  const result = convert(input.text, input.options);
  if (opts.printAfter) {
    reportDiagnostics(io, result.diagnostics, opts);
    const ir = result.after[opts.printAfter];
    if (ir !== undefined) writeOutput(io, JSON.stringify(ir, null, 2) + '\n', opts.output);
    return ir === undefined ? EXIT_REJECTED : exitFor(result.diagnostics);
  }
  if (!result.values) {
    reportDiagnostics(io, result.diagnostics, opts);
    return EXIT_REJECTED;
  }
  if (opts.emit === 'values') {
    reportDiagnostics(io, result.diagnostics, opts);
    writeOutput(io, printYaml(result.values), opts.output);
    return exitFor(result.diagnostics);
  }
  const { renderValues } = await import('./render/index.js');
  const extra = opts.values.map((f) => readInput(io, f)).map((v) => ({ ...v, path: displayName(io, v.path) }));
  const rendered = renderValues(extra, { release: opts.release, namespace: opts.namespace }, result.values);
  const diagnostics = [...result.diagnostics, ...rendered.diagnostics];
  reportDiagnostics(io, diagnostics, opts);
  if (rendered.text === undefined) return EXIT_REJECTED;
  writeOutput(io, rendered.text, opts.output);
  return exitFor(diagnostics);
}

interface RenderCliOptions extends CommonOutputOptions {
  output?: string;
  release: string;
  namespace: string;
}

async function runRender(io: CliIO, files: string[], opts: RenderCliOptions): Promise<number> {
  const { renderValues } = await import('./render/index.js');
  const inputs = files.map((f) => readInput(io, f)).map((v) => ({ ...v, path: displayName(io, v.path) }));
  const rendered = renderValues(inputs, { release: opts.release, namespace: opts.namespace });
  reportDiagnostics(io, rendered.diagnostics, opts);
  if (rendered.text === undefined) return EXIT_REJECTED;
  writeOutput(io, rendered.text, opts.output);
  return exitFor(rendered.diagnostics);
}

interface ImagesCliOptions extends CommonOutputOptions, ConversionCliOptions {
  json?: boolean;
}

function runImages(io: CliIO, file: string, opts: ImagesCliOptions): number {
  const input = conversionInput(io, file, opts);
  const result = planImages(input.text, input.options);
  reportDiagnostics(io, result.diagnostics, opts);
  if (!result.plan) return EXIT_REJECTED;
  if (opts.json) {
    io.stdout(JSON.stringify({ project: result.project, images: result.plan }, null, 2) + '\n');
  } else if (result.plan.length === 0) {
    io.stdout('no service is built from source: every image is pulled as named\n');
  } else {
    for (const entry of result.plan) {
      const lines = [
        `${entry.service}: ${entry.image}${entry.derived ? '' : ' (named by the service)'}`,
        `  context:    ${entry.context}`,
        ...(entry.dockerfile ? [`  dockerfile: ${entry.dockerfile}`] : []),
        ...(entry.dockerfileInline !== undefined ? ['  dockerfile: (inline)'] : []),
        ...(entry.target ? [`  target:     ${entry.target}`] : []),
        ...Object.entries(entry.args).map(([k, v]) => `  arg:        ${k}=${v}`),
      ];
      io.stdout(lines.join('\n') + '\n');
    }
  }
  return exitFor(result.diagnostics);
}

function formatOption(): Option {
  return new Option('--format <format>', 'diagnostics format').choices(OUTPUT_FORMATS as string[]).default('text');
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('compose2agent')
    .description('Compile Docker Compose files of AI-evaluation sandboxes into agent-env Helm values and manifests.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run compose2agent --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('convert', { isDefault: true })
    .description('convert a compose file to agent-env values (default) or to the manifests the chart renders')
    .argument('<file>', "compose file, or '-' for stdin")
    .addOption(new Option('--emit <what>', 'what to print').choices(['values', 'manifests']).default('values'))
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--release <name>', 'Helm release name (with --emit manifests)', 'release-name')
    .option('--namespace <ns>', 'namespace (with --emit manifests)', 'default')
    .option('-f, --values <file>', 'extra values file merged over the converted values (repeatable)', collect, [])
    .option('--env-file <file>', 'read interpolation variables from this file instead of .env (repeatable)', collect, [])
    .option('--profile <name>', 'activate a Compose profile (repeatable)', collect, [])
    .option('--image-registry <prefix>', 'registry prefix for images of services that are only built from source')
    .option('--image-tag <tag>', 'tag for images of services that are only built from source')
    .option('--strict', "reject what the reference converter rejects (no extensions beyond it)")
    .option('--allow-privileged', 'let `privileged: true` through for every service that asks (each is still warned about)')
    .addOption(formatOption())
    .option('-q, --quiet', 'do not print info diagnostics')
    .addOption(new Option('--print-after <pass>', 'print the IR after a pass as JSON and stop').choices(PASS_NAMES as unknown as string[]))
    .action(async (file: string, opts: ConvertCliOptions) => setExit(await runConvert(io, file, opts)));

  program
    .command('render')
    .description('render agent-env values files to the manifests `helm template` prints')
    .argument('<values...>', 'values files, merged in order (later wins)')
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of stdout')
    .option('--release <name>', 'Helm release name', 'release-name')
    .option('--namespace <ns>', 'namespace', 'default')
    .addOption(formatOption())
    .option('-q, --quiet', 'do not print info diagnostics')
    .action(async (files: string[], opts: RenderCliOptions) => setExit(await runRender(io, files, opts)));

  program
    .command('images')
    .description('print the build plan: the images of services built from source, which CI must build and push')
    .argument('<file>', 'compose file')
    .option('--env-file <file>', 'read interpolation variables from this file instead of .env (repeatable)', collect, [])
    .option('--profile <name>', 'activate a Compose profile (repeatable)', collect, [])
    .option('--image-registry <prefix>', 'registry prefix of the derived image names')
    .option('--image-tag <tag>', 'tag of the derived image names')
    .option('--json', 'print the plan as JSON')
    .addOption(formatOption())
    .action(async (file: string, opts: ImagesCliOptions) => setExit(runImages(io, file, opts)));

  program
    .command('keys')
    .description('print the key-outcome table: what happens to every Compose key')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action(async (opts: { format: KeysFormat }) => {
      const { formatKeyTable } = await import('./keys-format.js');
      io.stdout(formatKeyTable(opts.format));
      setExit(EXIT_OK);
    });

  // `explain` parses its own options (src/explain/command.ts), loaded only when it runs.
  program
    .command('explain')
    .description('explain what a sandbox can do: pods, DNS names, who reaches whom, egress; see compose2agent explain --help')
    .usage('[options] <compose-file|values-file...>')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => setExit(await (await import('./explain/command.js')).runExplainCli(args, io)));

  // `check` parses its own options (src/commands/check.ts), loaded only when it runs.
  program
    .command('check')
    .description('check every sandbox under the paths (CI gate); see compose2agent check --help')
    .usage('[options] [paths...]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (args: string[]) => setExit(await (await import('./commands/check.js')).runCheckCli(args, io)));

  return program;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT_OK;
      }
      return EXIT_FAULT;
    }
    if (err instanceof UsageError) {
      io.stderr(`compose2agent: ${err.message}\n`);
      return EXIT_FAULT;
    }
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(
      `compose2agent: internal error — this is a bug in compose2agent, not in your input.\n${stack}\n` +
        'Please report it with the input that caused it.\n',
    );
    return EXIT_FAULT;
  }
}
