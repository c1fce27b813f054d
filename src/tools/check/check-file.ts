// Checking one file: a compose file is converted and its values rendered; a values file is
// rendered as it is. Under --diff, the committed values files beside a compose file are
// compared with the text `convert --emit values` would print. Everything the compiler
// throws becomes a fault of this file, so one bug cannot stop the check of the others.

import { basename, dirname } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { ConvertHost } from '../../base/host.js';
import { Context, withoutOutsideFrames, type Diagnostic } from '../../base/diagnostics.js';
import type { ArgsOf, Code } from '../../base/messages.js';
import { SourceFile } from '../../base/source.js';
import { overriddenFile, projectOf } from '../../../passes/front/project.js';
import type { CheckEngine } from './engine.js';
import type { CheckJob, CheckOptions, FileResult, Outcome, ValuesComparison } from './types.js';

/** One diagnostic of the check itself, at a line of a file whose text is known (for the frame). */
export function checkDiagnostic<K extends Code>(
  code: K,
  file: { display: string; text?: string },
  line: number,
  ...args: ArgsOf<K> extends void ? [] : [ArgsOf<K>]
): Diagnostic {
  // Without the text there is no line to show: a Context whose file is another than the
  // diagnostic's attaches no frame.
  const source = new SourceFile(file.text === undefined ? '' : file.display, file.text ?? '');
  const ctx = new Context(undefined, source);
  const lineStart = source.lines.lineStarts[Math.max(0, line - 1)] ?? 0;
  const lineEnd = file.text === undefined ? 0 : source.lineText(line).length + lineStart;
  const loc = file.text === undefined ? { file: file.display, line: 1, col: 1, endLine: 1, endCol: 1 } : source.loc(lineStart, lineEnd);
  ctx.report(code, { loc }, ...args);
  return ctx.diagnostics[0]!;
}

/**
 * Render diagnostics about the converted values name no file of the repository; they are
 * moved to the compose file the values came from, so that annotations land on a real file.
 * The YAML path still names the node of the values.
 */
export function locateInComposeFile(d: Diagnostic, job: CheckJob, baseValuesName: string): Diagnostic {
  if (d.file !== baseValuesName) return d;
  const { frame: _frame, ...rest } = d;
  return { ...rest, file: job.display, line: 1, col: 1, endLine: 1, endCol: 1, message: `in the converted values: ${d.message}` };
}

function outcomeOf(diagnostics: readonly Diagnostic[]): Outcome {
  if (diagnostics.some((d) => d.severity === 'error')) return 'rejected';
  if (diagnostics.some((d) => d.severity === 'warning')) return 'converted-with-warnings';
  return 'converted';
}

function faultResult(job: CheckJob, err: unknown, text: string | undefined, diagnostics: Diagnostic[]): FileResult {
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error ? err.stack : undefined;
  const firstLine = message.split('\n')[0] ?? message;
  return {
    path: job.display,
    kind: job.kind,
    outcome: 'fault',
    diagnostics: [...diagnostics, checkDiagnostic('C2A250', { display: job.display, text }, 1, { detail: 'fault', error: firstLine })],
    fault: { message, ...(stack ? { stack } : {}) },
  };
}

/** Where the committed text first differs from the converted one: a 1-based line of the committed file. */
function firstDifferingLine(committed: string, converted: string): number {
  const a = committed.split('\n');
  const b = converted.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.min(i + 1, Math.max(1, a.length));
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/**
 * Compares each committed values file with the converted text. Returns the comparisons
 * and the check's own diagnostics about them.
 */
function compareCommittedValues(
  job: CheckJob,
  convertedText: string | undefined,
  options: CheckOptions,
  host: ConvertHost,
): { comparisons: ValuesComparison[]; diagnostics: Diagnostic[] } {
  const comparisons: ValuesComparison[] = [];
  const diagnostics: Diagnostic[] = [];
  const compose = basename(job.display);
  for (const committedFile of job.committedValues ?? []) {
    const names = { values: basename(committedFile.display), compose };
    const committed = host.readFile(committedFile.path);
    if (committed === undefined) {
      diagnostics.push(checkDiagnostic('C2A008', { display: committedFile.display }, 1, unreadable(committedFile.display, host.unreadable?.(committedFile.path))));
      comparisons.push({ path: committedFile.display, status: 'unchecked' });
      continue;
    }
    if (convertedText === undefined) {
      diagnostics.push(checkDiagnostic('C2A253', { display: committedFile.display, text: committed }, 1, names));
      comparisons.push({ path: committedFile.display, status: 'unchecked' });
      continue;
    }
    const before = normaliseNewlines(committed);
    if (before === convertedText) {
      comparisons.push({ path: committedFile.display, status: 'fresh' });
      continue;
    }
    const diff = createTwoFilesPatch(committedFile.display, committedFile.display, before, convertedText, 'committed', 'converted', {
      headerOptions: FILE_HEADERS_ONLY,
    });
    const line = firstDifferingLine(before, convertedText);
    diagnostics.push(checkDiagnostic('C2A251', { display: committedFile.display, text: committed }, line, names));
    comparisons.push({ path: committedFile.display, status: 'stale', diff, ...(options.write ? { replacement: convertedText } : {}) });
  }
  return { comparisons, diagnostics };
}

/**
 * What a compose job converts, as `docker compose` run in the file's directory reads it: the
 * directory's compose file with the override file beside it merged over it. A job for that
 * override file converts the same project (checked alone, an override is no sandbox).
 */
function checkedProject(job: CheckJob, text: string, host: ConvertHost): { file: string; text: string; overrideFiles: string[]; automatic: boolean } {
  // A project the job names (the config's `projects:`, or found with its override file): its files as they are.
  if (job.project) return { file: job.display, text, overrideFiles: job.project.files.slice(1).map((f) => f.display), automatic: job.project.automatic };
  const exists = (path: string) => host.readFile(path) !== undefined;
  const base = overriddenFile(job.display, exists);
  const baseText = base === undefined ? undefined : host.readFile(base);
  if (base !== undefined && baseText !== undefined) return { file: base, text: baseText, overrideFiles: [job.display], automatic: true };
  const project = projectOf(job.display, exists);
  return { file: job.display, text, overrideFiles: project.overrideFiles, automatic: true };
}

export function checkFile(job: CheckJob, options: CheckOptions, engine: CheckEngine, host: ConvertHost): FileResult {
  const result = checkFileUnframed(job, options, engine, host);
  return { ...result, diagnostics: withoutOutsideFrames(result.diagnostics) };
}

function checkFileUnframed(job: CheckJob, options: CheckOptions, engine: CheckEngine, host: ConvertHost): FileResult {
  const text = host.readFile(job.path);
  if (text === undefined) {
    return {
      path: job.display,
      kind: job.kind,
      outcome: 'rejected',
      diagnostics: [checkDiagnostic('C2A008', { display: job.display }, 1, unreadable(job.display, host.unreadable?.(job.path)))],
    };
  }
  const diagnostics: Diagnostic[] = [];
  try {
    const renderOptions = { release: options.release, namespace: options.namespace };
    if (job.kind === 'values') {
      const rendered = engine.renderValues([{ path: job.display, text }], renderOptions);
      diagnostics.push(...rendered.diagnostics);
      const outcome = outcomeOf(diagnostics);
      if (!rendered.rendered && outcome !== 'rejected') {
        throw new Error('the renderer returned neither manifests nor an error');
      }
      const notes =
        options.diff && job.besideComposeFiles
          ? [checkDiagnostic('C2A254', { display: job.display, text }, 1, { composeFiles: job.besideComposeFiles.map((p) => basename(p)).join(', ') })]
          : [];
      return { path: job.display, kind: job.kind, outcome, diagnostics: [...diagnostics, ...notes] };
    }

    const project = checkedProject(job, text, host);
    const converted = engine.convert(project.text, {
      ...(job.conversion ?? options.conversion),
      release: options.release,
      filename: project.file,
      // Named after its first file's directory when nothing names it, as Compose names it.
      projectDirectory: dirname(job.project?.files[0]?.path ?? job.path),
      ...(job.project?.projectName !== undefined ? { projectName: job.project.projectName } : {}),
      ...(project.overrideFiles.length > 0 ? { overrideFiles: project.overrideFiles, ...(project.automatic ? { automaticOverride: true } : {}) } : {}),
      filesRootFallback: '.',
      host,
    });
    // An override file's own result is what its lines contribute to the merged project;
    // the rest belongs to the project's compose file, checked as a job of its own.
    diagnostics.push(...(project.file === job.display ? converted.diagnostics : converted.diagnostics.filter((d) => d.file === job.display)));
    const composed = {
      ...(converted.composedFiles.length > 0 ? { composedFiles: converted.composedFiles } : {}),
      ...(job.project ? { project: { ...(job.project.name !== undefined ? { name: job.project.name } : {}), files: job.project.files.map((f) => f.display) } } : {}),
    };
    let convertedText: string | undefined;
    if (converted.values !== undefined) {
      const rendered = engine.renderValues([], renderOptions, converted.values);
      diagnostics.push(...rendered.diagnostics.map((d) => locateInComposeFile(d, job, engine.baseValuesName)));
      if (!rendered.rendered && outcomeOf(diagnostics) !== 'rejected') {
        throw new Error('the renderer returned neither manifests nor an error');
      }
      if (options.diff) convertedText = engine.printYaml(converted.values);
    } else if (outcomeOf(diagnostics) !== 'rejected') {
      throw new Error('the converter returned neither values nor an error');
    }
    const outcome = outcomeOf(diagnostics);
    if (!options.diff) return { path: job.display, kind: job.kind, outcome, diagnostics, ...composed };
    // Values that convert but do not render are not what a committed file should hold.
    const comparable = outcome === 'rejected' ? undefined : convertedText;
    const compared = compareCommittedValues(job, comparable, options, host);
    return {
      path: job.display,
      kind: job.kind,
      outcome,
      diagnostics: [...diagnostics, ...compared.diagnostics],
      values: compared.comparisons,
      ...composed,
    };
  } catch (err) {
    return faultResult(job, err, text, diagnostics);
  }
}

/** C2A008's arguments for a file the host could not read: its own reason, when it gives one. */
function unreadable(path: string, error: string | undefined): ArgsOf<'C2A008'> {
  return error !== undefined ? { path, reason: 'host-error', error } : { path, reason: 'not-readable' };
}
