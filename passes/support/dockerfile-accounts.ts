// The users and groups a Dockerfile creates, and the IDs it gives them, as far as the text
// makes them certain. A service that names its user (`user: nonroot`) needs a numeric ID in
// Kubernetes; when the service builds its image from a local Dockerfile, that Dockerfile
// often fixes the ID (`useradd -u 1111 nonroot`), and lower:security reads it from here.
//
// Certain means: whatever the base image holds, the build either gives the name this ID or
// fails. `useradd`, `groupadd` and both `adduser`/`addgroup` (Debian's and BusyBox's) refuse
// a name that exists, so a name they create with an explicit ID has it. Anything that could
// leave the name with another ID makes it uncertain: a creation without an ID (the next free
// one, which depends on the base image), a later usermod/groupmod/userdel, a creation that
// runs only under a condition (`||`, `if`) or that tolerates failure (`groupadd -f`,
// `useradd -o`, Debian's `adduser --system`, which exits 0 when the user exists), an ID from a
// variable that is not set, an /etc/passwd copied from another stage or image.
//
// Only the stage the image is built from counts (the last, or `build.target`), and the stages
// it is built FROM, in order; a user created in another stage is not in the image.
//
// Everything here returns findings (kinds and line numbers), never sentences.

import { posix } from 'node:path';

/**
 * The largest user or group ID Docker accepts ("uids and gids must be in range"), and the
 * largest runAsUser or runAsGroup the Kubernetes API server takes.
 */
export const MAX_ACCOUNT_ID = 2147483647;

/** One Dockerfile instruction, continuation lines joined, with the heredoc bodies it reads. */
interface Instruction {
  keyword: string;
  args: string;
  /** 1-based line of the instruction's first line. */
  line: number;
  /** The line an offset of `args` was written on (continuation lines are joined). */
  lineAt(offset: number): number;
  /** Heredoc bodies, each with the line it starts on. */
  heredocs: { delimiter: string; body: string; firstLine: number }[];
}

/** What the Dockerfile says about one user or group name. */
export type AccountFinding =
  | { kind: 'id'; id: number; line: number }
  /** Created by `command` without an ID; `option` is the one that would give it. */
  | { kind: 'without-id'; line: number; command: string; option: string }
  /** The group a user tool makes of the user's name, with the next free ID. */
  | { kind: 'own-group'; line: number; command: string }
  /** Changed, deleted or created again after it was created. */
  | { kind: 'changed'; line: number }
  /** Created where the build may go on without it or with another ID (a condition, `||`, a tolerant option). */
  | { kind: 'uncertain'; line: number }
  /** Created with an ID taken from a variable the build does not set. */
  | { kind: 'variable'; line: number; variable: string }
  /** The account file was replaced or edited by what this text does not show (a file copied in, `sed`, a redirection). */
  | { kind: 'replaced'; line: number }
  /** The Dockerfile does not create it: it comes from the base image, if anywhere. */
  | { kind: 'absent' };

export interface DockerfileAccounts {
  user(name: string): AccountFinding;
  group(name: string): AccountFinding;
  /** The image's own USER (the last in the chain of stages), with variables substituted. */
  imageUser?: { text: string; line: number };
}

export interface DockerfileBuild {
  /** `build.target`: the stage the image is built from; the last stage when absent. */
  target?: string;
  /** `build.args` with a value: they win over the ARG defaults. */
  args: Readonly<Record<string, string>>;
  /** The text of a file of the build context (a path relative to it), for a COPY onto /etc/passwd. */
  readContextFile?: (path: string) => string | undefined;
}

/** The accounts of the image a Dockerfile builds, or `no-such-target` when `target` names no stage. */
export function readDockerfileAccounts(text: string, build: DockerfileBuild): DockerfileAccounts | 'no-such-target' {
  const instructions = parseInstructions(text);
  const stages = splitStages(instructions);
  const chosen = build.target === undefined ? stages.length - 1 : stages.findIndex((s) => s.name === build.target!.toLowerCase());
  if (chosen < 0 || stages.length === 0) return 'no-such-target';
  const chain: Stage[] = [];
  for (let at: number | undefined = chosen; at !== undefined; at = stages[at]!.parent) chain.unshift(stages[at]!);
  const state = new AccountState(globalArgs(instructions, build.args), build.args, build.readContextFile);
  for (const stage of chain) {
    state.enterStage();
    for (const instruction of stage.instructions) state.apply(instruction);
  }
  return state.result();
}

// ── parsing ────────────────────────────────────────────────────────────────────────────────

function parseInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    const start = i;
    i++;
    if (/^\s*(#|$)/.test(first)) continue;
    const keyword = /^\s*(\S+)\s*/.exec(first)!;
    let args = first.slice(keyword[0].length);
    const starts = [{ offset: 0, line: start + 1 }];
    // A line ending in the escape character continues on the next; comment and empty lines
    // inside a continuation are dropped, as Docker drops them.
    while (endsWithEscape(args, escape)) {
      args = args.replace(/\s*$/, '').slice(0, -1);
      while (i < lines.length && /^\s*(#|$)/.test(lines[i]!)) i++;
      if (i >= lines.length) break;
      starts.push({ offset: args.length, line: i + 1 });
      args += lines[i]!;
      i++;
    }
    const heredocs: Instruction['heredocs'] = [];
    const name = keyword[1]!.toUpperCase();
    // Heredocs open only on RUN, COPY and ADD, and not inside a quoted string (a quoted
    // delimiter, `<<"EOF"`, is one).
    const unquoted = ['RUN', 'COPY', 'ADD'].includes(name) ? args.replace(/(?<!<<-?)(?:"(?:[^"\\]|\\.)*"|'[^']*')/g, (quoted) => ' '.repeat(quoted.length)) : '';
    for (const marker of unquoted.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
      const delimiter = marker[3]!;
      const firstLine = i + 1;
      const body: string[] = [];
      while (i < lines.length) {
        const line = marker[1] === '-' ? lines[i]!.replace(/^\t+/, '') : lines[i]!;
        i++;
        if (line === delimiter) break;
        body.push(line);
      }
      heredocs.push({ delimiter, body: body.join('\n'), firstLine });
    }
    const lineAt = (offset: number) => starts.filter((segment) => segment.offset <= offset).at(-1)!.line;
    out.push({ keyword: name, args, line: start + 1, lineAt, heredocs });
  }
  return out;
}

/** The `# escape=` parser directive, when the file starts with one; `\` otherwise. */
function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const directive = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!directive) return '\\';
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

function endsWithEscape(line: string, escape: string): boolean {
  return line.replace(/\s*$/, '').endsWith(escape);
}

interface Stage {
  /** The `AS` name, lower case, when given. */
  name?: string;
  /** The index of the stage this one is FROM, when it is built from an earlier stage. */
  parent?: number;
  instructions: Instruction[];
}

function splitStages(instructions: readonly Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const base = (words[0] ?? '').toLowerCase();
      const name = words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined;
      const byName = stages.findIndex((s) => s.name === base);
      const byIndex = /^\d+$/.test(base) && Number(base) < stages.length ? Number(base) : -1;
      const parent = byName >= 0 ? byName : byIndex >= 0 ? byIndex : undefined;
      stages.push({ ...(name !== undefined ? { name } : {}), ...(parent !== undefined ? { parent } : {}), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The ARGs declared before the first FROM, with their values (build args win). */
function globalArgs(instructions: readonly Instruction[], given: Readonly<Record<string, string>>): Map<string, string> {
  const values = new Map<string, string>();
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') break;
    if (instruction.keyword === 'ARG') for (const [name, value] of declarations(instruction.args)) setArg(values, name, value, given);
  }
  return values;
}

function setArg(values: Map<string, string>, name: string, value: string | undefined, given: Readonly<Record<string, string>>): void {
  const chosen = given[name] ?? value;
  if (chosen !== undefined) values.set(name, chosen);
}

/** `NAME=value` / `NAME` pairs of an ARG or ENV line (`ENV NAME value` too), quotes removed. */
function declarations(args: string): [string, string | undefined][] {
  const words = shellWords(args);
  if (words.length === 2 && !words[0]!.includes('=')) return [[words[0]!, words[1]!]];
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

// ── the accounts, instruction by instruction ──────────────────────────────────────────────

/** A shell command of a RUN, with whether the build may go on when it fails. */
interface Command {
  words: string[];
  conditional: boolean;
  /** The line its first word is on. */
  line: number;
}

class AccountState {
  private users = new Map<string, AccountFinding>();
  private groups = new Map<string, AccountFinding>();
  /** Where /etc/passwd or /etc/group was replaced by files this text does not show. */
  private usersReplaced?: number;
  private groupsReplaced?: number;
  private imageUser?: { text: string; line: number };
  /** The variables a RUN's shell and a USER line see: the stage's ARGs, and ENVs, which win. */
  private args = new Map<string, string>();
  private env = new Map<string, string>();

  constructor(
    private readonly globals: ReadonlyMap<string, string>,
    private readonly given: Readonly<Record<string, string>>,
    private readonly readContextFile: DockerfileBuild['readContextFile'],
  ) {}

  /** A stage built FROM another keeps its ENVs (they are in the image) but not its ARGs. */
  enterStage(): void {
    this.args = new Map();
  }

  apply(instruction: Instruction): void {
    switch (instruction.keyword) {
      case 'ARG':
        for (const [name, value] of declarations(instruction.args)) {
          const fallback = value ?? this.globals.get(name);
          setArg(this.args, name, fallback, this.given);
        }
        break;
      case 'ENV':
        for (const [name, value] of declarations(instruction.args)) if (value !== undefined) this.env.set(name, this.substitute(value) ?? value);
        break;
      case 'USER': {
        const text = this.substitute(instruction.args.trim());
        if (text !== undefined) this.imageUser = { text, line: instruction.line };
        else delete this.imageUser;
        break;
      }
      case 'RUN':
        for (const command of runCommands(instruction)) this.applyCommand(command);
        break;
      case 'COPY':
      case 'ADD':
        this.applyCopy(instruction);
        break;
    }
  }

  result(): DockerfileAccounts {
    const find = (map: Map<string, AccountFinding>, replaced: number | undefined) => (name: string): AccountFinding =>
      map.get(name) ?? (replaced !== undefined ? { kind: 'replaced', line: replaced } : { kind: 'absent' });
    return {
      user: find(this.users, this.usersReplaced),
      group: find(this.groups, this.groupsReplaced),
      ...(this.imageUser ? { imageUser: this.imageUser } : {}),
    };
  }

  /** `$NAME` and `${NAME}` replaced; undefined when one is not set or another form is used. */
  private substitute(text: string): string | undefined {
    let unknown = false;
    const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{[^}]*\}?/g, (whole, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      const value = this.env.get(name) ?? this.args.get(name);
      if (value === undefined) unknown = true;
      return value ?? whole;
    });
    return unknown ? undefined : out;
  }

  /** An ID as written: a number, a variable the build sets to one, or a finding of why not. */
  private id(written: string, line: number): number | AccountFinding {
    const value = this.substitute(written);
    if (value === undefined) return { kind: 'variable', line, variable: /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(written)?.[1] ?? written };
    // Anything but a number fails the tool, and so the build.
    return /^\d+$/.test(value) ? Number(value) : { kind: 'uncertain', line };
  }

  private applyCommand(command: Command): void {
    const line = command.line;
    const words = commandWords(command.words);
    const name = words[0]?.replace(/^.*\//, '');
    if (name === undefined) return;
    const tool = ACCOUNT_TOOLS[name];
    if (!tool) {
      // Any other command that names an account file (sed -i, a redirection, newusers' input)
      // may change what the tools wrote.
      for (const file of ['/etc/passwd', '/etc/group'] as const) {
        if (name === 'newusers' || command.words.some((w) => w.includes(file))) this.replace(file === '/etc/passwd' ? 'users' : 'groups', line);
      }
      return;
    }
    const { options, operands } = parseOptions(words.slice(1), tool.withValue);
    const tolerant = command.conditional || tool.tolerant.some((o) => options.has(o));
    switch (tool.action) {
      case 'create-user': {
        // `adduser USER GROUP` adds an existing user to a group: no account is created.
        if (operands.length !== 1 || tool.notCreating.some((o) => options.has(o))) return;
        const user = operands[0]!;
        const uid = tool.idOptions.map((o) => options.get(o)).find((v) => v !== undefined);
        this.create(this.users, user, tolerant, uid, line, name, tool.idOptions[0]!);
        // Without a primary group the tool makes one of the user's name, with the next free ID.
        const primary = tool.groupOptions.some((o) => options.has(o));
        if (!primary && !options.has('--no-user-group') && !options.has('-N') && !this.groups.has(user)) {
          this.groups.set(user, tolerant ? { kind: 'uncertain', line } : { kind: 'own-group', line, command: name });
        }
        break;
      }
      case 'create-group': {
        if (operands.length !== 1) return;
        const gid = tool.idOptions.map((o) => options.get(o)).find((v) => v !== undefined);
        this.create(this.groups, operands[0]!, tolerant, gid, line, name, tool.idOptions[0]!);
        break;
      }
      case 'change-user':
        if (operands.length === 1 && (tool.changesId.some((o) => options.has(o)) || tool.changesId.length === 0)) this.users.set(operands[0]!, { kind: 'changed', line });
        break;
      case 'change-group':
        if (operands.length === 1 && (tool.changesId.some((o) => options.has(o)) || tool.changesId.length === 0)) this.groups.set(operands[0]!, { kind: 'changed', line });
        break;
    }
  }

  private create(map: Map<string, AccountFinding>, name: string, tolerant: boolean, written: string | undefined, line: number, command: string, option: string): void {
    if (map.has(name)) {
      // A second creation fails the build unless it is tolerated; either way the first is not the last word.
      map.set(name, { kind: 'changed', line });
      return;
    }
    if (tolerant) map.set(name, { kind: 'uncertain', line });
    else if (written === undefined) map.set(name, { kind: 'without-id', line, command, option });
    else {
      const id = this.id(written, line);
      map.set(name, typeof id === 'number' ? { kind: 'id', id, line } : id);
    }
  }

  /**
   * COPY/ADD onto /etc/passwd or /etc/group (or over /etc): the account file replaced. A
   * heredoc's lines are read; a file from the context, another stage or an image is not.
   */
  private applyCopy(instruction: Instruction): void {
    const all = shellWords(instruction.args);
    const flags = all.filter((w) => w.startsWith('--'));
    const words = all.filter((w) => !w.startsWith('--'));
    const destination = words.at(-1)?.replace(/\/+$/, '');
    if (destination === '/etc') {
      this.replace('users', instruction.line);
      this.replace('groups', instruction.line);
      return;
    }
    const target = destination === '/etc/passwd' ? 'users' : destination === '/etc/group' ? 'groups' : undefined;
    if (target === undefined) return;
    const lines = this.copiedLines(instruction, words.slice(0, -1), flags);
    if (lines === undefined) {
      this.replace(target, instruction.line);
      return;
    }
    const map = new Map<string, AccountFinding>();
    for (const { text, line } of lines) {
      // name:password:ID:..., the first entry of a name being the one looked up.
      const [name, , id] = text.split(':');
      if (name && id !== undefined && /^\d+$/.test(id) && !map.has(name)) map.set(name, { kind: 'id', id: Number(id), line });
    }
    this[target] = map;
    if (target === 'users') delete this.usersReplaced;
    else delete this.groupsReplaced;
  }

  /**
   * The lines a COPY writes to an account file, each with the Dockerfile line it is read
   * from: a heredoc's own lines, or one plain file of the build context (at the COPY's line).
   * Undefined for anything else: ADD (which may fetch or unpack), another stage or image
   * (--from), several sources, patterns, variables, a path out of the context.
   */
  private copiedLines(instruction: Instruction, sources: readonly string[], flags: readonly string[]): { text: string; line: number }[] | undefined {
    if (instruction.keyword !== 'COPY' || sources.length !== 1 || flags.some((f) => f.startsWith('--from'))) return undefined;
    const heredoc = instruction.heredocs[0];
    if (heredoc && sources[0] === `<<${heredoc.delimiter}`) return heredoc.body.split('\n').map((text, i) => ({ text, line: heredoc.firstLine + i }));
    const source = posix.normalize(sources[0]!).replace(/^\/+/, '');
    if (/[*?[\\$]/.test(source) || source === '..' || source.startsWith('../') || !this.readContextFile) return undefined;
    const text = this.readContextFile(source);
    return text?.split(/\r?\n/).map((line) => ({ text: line, line: instruction.line }));
  }

  /** The account file changed by what this text does not show: every name in it is uncertain. */
  private replace(target: 'users' | 'groups', line: number): void {
    this[target] = new Map();
    if (target === 'users') this.usersReplaced = line;
    else this.groupsReplaced = line;
  }
}

/** What each account tool does, and its options that take a value. */
interface AccountTool {
  action: 'create-user' | 'create-group' | 'change-user' | 'change-group';
  /** Options (each spelling) that take a value. */
  withValue: readonly string[];
  /** The options that give the ID, the first the one a hint names. */
  idOptions: readonly string[];
  /** Options that set the primary group (no group of the user's name is made). */
  groupOptions: readonly string[];
  /** Options under which the tool does not create an account at all. */
  notCreating: readonly string[];
  /** Options under which the tool succeeds without creating the name, or with another ID. */
  tolerant: readonly string[];
  /** For change tools: the options that change an ID or the name (none: any use does). */
  changesId: readonly string[];
}

const NONE: readonly string[] = [];

const ACCOUNT_TOOLS: Record<string, AccountTool> = {
  useradd: {
    action: 'create-user',
    withValue: ['-b', '--base-dir', '-c', '--comment', '-d', '--home-dir', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid', '-G', '--groups', '-K', '--key', '-k', '--skel', '-p', '--password', '-R', '--root', '-P', '--prefix', '-s', '--shell', '-u', '--uid', '-Z', '--selinux-user', '--selinux-range'],
    idOptions: ['-u', '--uid'],
    groupOptions: ['-g', '--gid'],
    notCreating: ['-D', '--defaults'],
    tolerant: ['-o', '--non-unique', '-R', '--root', '-P', '--prefix'],
    changesId: NONE,
  },
  // Debian's adduser (long options) and BusyBox's (short ones; its -g is the GECOS field).
  adduser: {
    action: 'create-user',
    withValue: ['-h', '--home', '-g', '--gecos', '--comment', '-s', '--shell', '-G', '--ingroup', '--gid', '-u', '--uid', '-k', '--skel', '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf', '-c', '--extrausers-file'],
    idOptions: ['-u', '--uid'],
    groupOptions: ['-G', '--ingroup', '--gid'],
    notCreating: NONE,
    tolerant: ['--system'],
    changesId: NONE,
  },
  groupadd: {
    action: 'create-group',
    withValue: ['-g', '--gid', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-U', '--users'],
    idOptions: ['-g', '--gid'],
    groupOptions: NONE,
    notCreating: NONE,
    tolerant: ['-f', '--force', '-o', '--non-unique', '-R', '--root', '-P', '--prefix'],
    changesId: NONE,
  },
  addgroup: {
    action: 'create-group',
    withValue: ['-g', '--gid', '--conf', '-c'],
    idOptions: ['-g', '--gid'],
    groupOptions: NONE,
    notCreating: NONE,
    tolerant: ['--system'],
    changesId: NONE,
  },
  usermod: {
    action: 'change-user',
    withValue: ['-c', '--comment', '-d', '--home', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid', '-G', '--groups', '-l', '--login', '-p', '--password', '-R', '--root', '-P', '--prefix', '-s', '--shell', '-u', '--uid', '-v', '--add-subuids', '-V', '--del-subuids', '-w', '--add-subgids', '-W', '--del-subgids', '-Z', '--selinux-user'],
    idOptions: NONE,
    groupOptions: NONE,
    notCreating: NONE,
    tolerant: NONE,
    changesId: ['-u', '--uid', '-l', '--login', '-o', '--non-unique', '-R', '--root', '-P', '--prefix'],
  },
  groupmod: {
    action: 'change-group',
    withValue: ['-g', '--gid', '-n', '--new-name', '-p', '--password', '-R', '--root', '-P', '--prefix', '-U', '--users'],
    idOptions: NONE,
    groupOptions: NONE,
    notCreating: NONE,
    tolerant: NONE,
    changesId: ['-g', '--gid', '-n', '--new-name', '-o', '--non-unique', '-R', '--root', '-P', '--prefix'],
  },
  userdel: { action: 'change-user', withValue: ['-R', '--root', '-P', '--prefix', '-Z'], idOptions: NONE, groupOptions: NONE, notCreating: NONE, tolerant: NONE, changesId: NONE },
  deluser: { action: 'change-user', withValue: ['--conf', '-c', '--backup-to'], idOptions: NONE, groupOptions: NONE, notCreating: NONE, tolerant: NONE, changesId: NONE },
  groupdel: { action: 'change-group', withValue: ['-R', '--root', '-P', '--prefix'], idOptions: NONE, groupOptions: NONE, notCreating: NONE, tolerant: NONE, changesId: NONE },
  delgroup: { action: 'change-group', withValue: ['--conf', '-c'], idOptions: NONE, groupOptions: NONE, notCreating: NONE, tolerant: NONE, changesId: NONE },
};

/**
 * Options and operands, each option under its spelling (`-u` and `--uid` stay apart; the
 * tables list both). Short options may be bundled (`-mu1111`, `-ms /bin/bash`); `--opt=value`
 * is split. An option the table does not know is read as taking no value: if it did, its
 * value reads as a second operand, and a command with two operands creates nothing here.
 */
function parseOptions(words: readonly string[], withValue: readonly string[]): { options: Map<string, string>; operands: string[] } {
  const options = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const option = eq < 0 ? word : word.slice(0, eq);
      if (eq >= 0) options.set(option, word.slice(eq + 1));
      else if (withValue.includes(option)) options.set(option, words[++i] ?? '');
      else options.set(option, '');
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let c = 1; c < word.length; c++) {
        const option = `-${word[c]}`;
        if (withValue.includes(option)) {
          const rest = word.slice(c + 1);
          options.set(option, rest !== '' ? rest : (words[++i] ?? ''));
          break;
        }
        options.set(option, '');
      }
      continue;
    }
    operands.push(word);
  }
  return { options, operands };
}

/** A command's words without leading `sudo`, `env` and variable assignments. */
function commandWords(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || words[i] === 'sudo' || words[i] === 'env' || words[i] === 'exec')) i++;
  return words.slice(i);
}

/** Shell words that start a compound command: what follows runs only under a condition. */
const CONDITION_WORDS = new Set(['if', 'then', 'elif', 'else', 'case', 'for', 'while', 'until', 'do', '!', '{', '}']);

/**
 * The commands of a RUN: its heredoc script or its shell form split at `&&`, `;`, `|`,
 * newlines; the exec form (a JSON list) is one command. After `||` or inside a compound
 * command the rest of the RUN is conditional; so is a command whose failure does not end the
 * RUN (`cmd || true`, or followed by `;` in a script without `set -e`).
 */
function runCommands(instruction: Instruction): Command[] {
  const flags = /^(--\S+\s+)*/.exec(instruction.args)![0].length;
  let script = instruction.args.slice(flags);
  let lineAt = (offset: number) => instruction.lineAt(flags + offset);
  if (script.startsWith('[')) {
    try {
      const list = JSON.parse(script) as unknown;
      if (Array.isArray(list) && list.every((w) => typeof w === 'string')) return [{ words: list, conditional: false, line: instruction.line }];
    } catch {
      return [];
    }
  }
  const heredoc = instruction.heredocs[0];
  if (heredoc && script.startsWith('<<')) {
    script = heredoc.body;
    lineAt = (offset) => heredoc.firstLine + (script.slice(0, offset).match(/\n/g)?.length ?? 0);
  }
  const strict = /\bset\s+-[a-z]*e/.test(script);
  const tokens = shellTokens(script);
  const commands: Command[] = [];
  let current: ShellToken[] = [];
  let conditional = false;
  const end = (separator: string) => {
    // A command whose failure the RUN goes on after: the next separator is not `&&`.
    const tolerated = separator === '||' || separator === '|' || ((separator === ';' || separator === '\n') && !strict);
    if (current.length > 0) commands.push({ words: current.map((t) => t.text), conditional: conditional || tolerated, line: lineAt(current[0]!.offset) });
    current = [];
  };
  for (const token of tokens) {
    if (token.operator) {
      end(token.text);
      if (token.text === '||') conditional = true;
      continue;
    }
    // A keyword that opens a compound command: what follows it runs under a condition.
    if (current.length === 0 && CONDITION_WORDS.has(token.text)) {
      conditional = true;
      continue;
    }
    current.push(token);
  }
  // The last command decides the RUN's status: its failure fails the build.
  if (current.length > 0) commands.push({ words: current.map((t) => t.text), conditional, line: lineAt(current[0]!.offset) });
  return commands;
}

interface ShellToken {
  text: string;
  operator: boolean;
  /** Where in the script it starts. */
  offset: number;
}

/** Words and the operators between commands, quotes removed; enough for account commands. */
function shellTokens(script: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let word = '';
  let inWord = false;
  let wordStart = 0;
  const flush = () => {
    if (inWord) tokens.push({ text: word, operator: false, offset: wordStart });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (!inWord) wordStart = i;
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? script.length : close;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) word += script[j] === '\\' && j + 1 < script.length ? script[++j] : script[j];
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word += script[i + 1];
      inWord = inWord || script[i + 1] !== '\n';
      i++;
    } else if (c === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (/\s/.test(c) && c !== '\n') {
      flush();
    } else if (c === '\n' || c === ';' || c === '&' || c === '|') {
      flush();
      const two = script.slice(i, i + 2);
      const operator = two === '&&' || two === '||' || two === ';;' ? two : c;
      i += operator.length - 1;
      tokens.push({ text: operator === '&' ? ';' : operator, operator: true, offset: i });
    } else if (c === '$' && (script[i + 1] === '{' || script[i + 1] === '(')) {
      // `${NAME}` and `$(command)` stay in the word, to be substituted or not understood.
      const close = script[i + 1] === '{' ? '}' : ')';
      let depth = 0;
      let j = i + 1;
      for (; j < script.length; j++) {
        if (script[j] === script[i + 1]) depth++;
        else if (script[j] === close && --depth === 0) break;
      }
      word += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === '(' || c === ')') {
      // Subshells: what runs in them is not followed; treat as a condition.
      flush();
      tokens.push({ text: '||', operator: true, offset: i });
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

/** Words of an instruction's arguments (ARG, ENV, COPY), quotes removed. */
function shellWords(args: string): string[] {
  return shellTokens(args)
    .filter((t) => !t.operator)
    .map((t) => t.text);
}
