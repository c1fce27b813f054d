// Whether a container's program visibly ends on its own: read off the command line, for the
// warning about services that exit (passes/lower/start-order.ts) and for `explain`, which
// reads the same command lines from rendered manifests. A program that ends is restarted by
// Kubernetes forever; under Compose it may simply stay exited.
//
// Only what the command line itself proves counts, so that the answer is never a guess about
// an image: a program from a short list of commands that always return (echo, cp, mkdir, a
// finite sleep, …), or a shell script (`sh -c SCRIPT`) whose last command is one of those,
// is `exit`, or is put in the background (the shell, the container's first process, then
// ends). Anything else — a server, `tail -f`, a loop, a script whose end cannot be read —
// is taken to stay up.

/**
 * Official images whose own program (CMD) is an interactive shell or language REPL: it waits
 * on a terminal when it has one (`tty: true`, `stdin_open: true`) and ends at once without.
 */
const SHELL_IMAGES = new Set([
  'ubuntu', 'debian', 'alpine', 'busybox', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'archlinux',
  'kalilinux/kali-rolling', 'kalilinux/kali-last-release', 'buildpack-deps', 'python', 'node', 'ruby', 'golang',
]);

/** Whether the image is one of SHELL_IMAGES, from Docker Hub (any tag or digest). */
export function runsShell(image: string): boolean {
  let name = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  name = name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  return SHELL_IMAGES.has(name);
}

/** Commands that return once they have done their work. */
const RETURNING = new Set(['echo', 'printf', 'true', 'false', ':', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown', 'chgrp', 'touch', 'ln']);

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** How the program ends, as a clause (`runs \`echo done\`, which ends`), or undefined. */
/** How a program is seen to end: a variant of C2A327 (`ending`), with the command it names. */
export type ProgramEnding =
  | { ending: 'program-returns'; program: string }
  | { ending: 'script-exits' | 'script-backgrounds-last' | 'script-commands-all-end'; last: string };

export function howProgramEnds(words: readonly string[]): ProgramEnding | undefined {
  if (words.length === 0) return undefined;
  const script = shellScript(words);
  if (script === undefined) return returns(words) ? { ending: 'program-returns', program: words.join(' ') } : undefined;
  const commands = scriptCommands(script);
  if (!commands || commands.length === 0 || commands.some((c) => c.separator === '|')) return undefined;
  const last = commands[commands.length - 1]!;
  const before = commands.slice(0, -1);
  // An `exit` the script reaches unless an earlier command fails (`seed && exit 0`, not
  // `server || exit 1`) is the author saying that the script ends.
  if (shellWords(last.text)[0] === 'exit' && before.at(-1)?.separator !== '||') return { ending: 'script-exits', last: last.text };
  // Otherwise every command in the foreground must return.
  if (!before.every((c) => c.separator === '&' || returns(shellWords(c.text)))) return undefined;
  if (last.separator === '&') return { ending: 'script-backgrounds-last', last: last.text };
  return returns(shellWords(last.text)) ? { ending: 'script-commands-all-end', last: last.text } : undefined;
}

/** The script of `sh -c SCRIPT` (also `-ec`, `-lc`, `-e -c`, a path to the shell). */
function shellScript(words: readonly string[]): string | undefined {
  if (!SHELLS.has(basename(words[0]!))) return undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (!/^-[a-z]+$/.test(w)) return undefined;
    if (w.includes('c')) return words[i + 1];
  }
  return undefined;
}

function returns(command: readonly string[]): boolean {
  const program = command[0] === 'exec' ? command.slice(1) : command;
  const name = program[0] === undefined ? undefined : basename(program[0]);
  if (name === undefined) return false;
  if (name === 'sleep') return program.length > 1 && program.slice(1).every((a) => /^\d+(?:\.\d+)?[smhd]?$/.test(a));
  return RETURNING.has(name);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The commands of a shell script, each with the separator after it (`;`, a line break, `&&`,
 * `||`, `|`, `&`, or none). Separators inside quotes, `$(…)` and `(…)` do not count; a
 * script that ends inside a quote is not read.
 */
function scriptCommands(script: string): { text: string; separator: string }[] | undefined {
  const segments: { text: string; separator: string }[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"' && i + 1 < script.length) current += script[++i];
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\\' && i + 1 < script.length) {
      current += c + script[++i];
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === ';' || c === '\n' || c === '&' || c === '|')) {
      const pair = (c === '&' || c === '|') && script[i + 1] === c;
      segments.push({ text: current.trim(), separator: pair ? c + c : c });
      if (pair) i++;
      current = '';
      continue;
    }
    current += c;
  }
  if (quote || depth > 0) return undefined;
  segments.push({ text: current.trim(), separator: '' });
  // Blank lines and trailing separators (`cmd;`, `cmd &`) leave empty segments.
  return segments.filter((segment) => segment.text !== '');
}

/** The words of one simple command, quotes removed (enough to name the program). */
function shellWords(command: string): string[] {
  return (command.match(/'[^']*'|"(?:[^"\\]|\\.)*"|\S+/g) ?? []).map((w) => w.replace(/^(['"])([\s\S]*)\1$/, '$2'));
}
