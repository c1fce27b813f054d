// What a conversion may read from outside the compiler: files and the environment. The
// compiler never touches the file system itself; the CLI and `check` give it a host that does
// (src/tools/io.ts), tests give it an in-memory one.

/** Everything outside the compiler that a conversion may read: files and the environment. */
export interface ConvertHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * What is at a path, symbolic links followed: a file with its bytes, a directory with its
   * entry names, or something else. Undefined when nothing is there (or it cannot be read).
   * Files delivered into the sandbox (bind mounts, configs, secrets) are read through it;
   * a host without it delivers only files `readFile` reads, as text, never executable.
   */
  readEntry?(path: string): HostEntry | undefined;
  /**
   * Why `readFile` returns undefined for a path (no such file, a FIFO, a device, a
   * directory), for the diagnostic; hosts that do not know leave it out.
   */
  unreadable?(path: string): string | undefined;
  /** The process environment used for interpolation. */
  env: Readonly<Record<string, string | undefined>>;
}

/** `realPath` is the canonical absolute path (symbolic links resolved), when the host knows it. */
export type HostEntry =
  | { kind: 'file'; bytes: Uint8Array; executable: boolean; realPath?: string }
  | {
      kind: 'directory';
      /** The names of its entries. */
      entries: string[];
      /**
       * Entries whose names are not UTF-8: no path string reaches them, and no Kubernetes key or
       * file path in the values can name them. `shown` is the name with those bytes escaped.
       */
      unnamable?: { shown: string; directory: boolean }[];
      realPath?: string;
    }
  | { kind: 'other'; realPath?: string; /** What it is, in words (a FIFO, a dangling symbolic link). */ what?: string };
