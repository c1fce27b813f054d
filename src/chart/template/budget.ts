// The budget of one render: what it may print and how much work it may do. Helm builds a
// render's text in memory and runs its loops for as long as they take, and so would this
// engine: a template of a few bytes (`{{ repeat 1000000000 "x" }}`, `printf "%999999999d"`,
// a hundred entries of four million characters each) would exhaust the heap and abort the
// process, and `{{ range until 60000000 }}{{ end }}` (or two nested ranges of 10 000) would
// run for minutes printing nothing. Every text a render produces — what templates print,
// and the strings functions build on the way, checked before they are built — counts
// against the output budget; every step it takes counts against the work budget.

/** The text one render may produce: 64 Mi characters, across all the templates it runs. */
export const OUTPUT_BUDGET = 64 * 1024 * 1024;

/**
 * The steps one render may take: 1 Mi. A step is one node of a template evaluated (a text,
 * an action, an `if`, one iteration of a `range`), one function call, one item of a list or
 * map a function reads or returns, or CHARACTERS_PER_STEP characters of a string it reads or
 * returns; a function that would build a long list checks the steps it needs before it
 * builds it. The templates of the corpus, the golden cases and the differential set take at
 * most 15 000 steps (measured when the budget was set; the Helm-recorded snippets that print
 * ten million characters take about 80 000); on a machine busy with other work the engine
 * takes half a million steps a second or more, so the budget ends a runaway render within
 * two or three seconds, and a list of more than a million items is refused before it is
 * allocated.
 */
export const WORK_BUDGET = 1024 * 1024;

/** Reading or building this many characters of a string costs one step: copying text costs far less than evaluating a node, but not nothing. */
export const CHARACTERS_PER_STEP = 256;

/** Thrown when a text would pass the output budget; the engine turns it into a located error. */
export class OutputBudgetExceeded {
  constructor(readonly limit: number) {}
}

/** Thrown when a render would take more steps than its work budget; a located error too. */
export class WorkBudgetExceeded {
  constructor(readonly limit: number) {}
}

export class RenderBudget {
  private used = 0;
  private steps = 0;
  readonly outputLimit: number;
  readonly workLimit: number;

  constructor(limits: { output?: number; work?: number } = {}) {
    this.outputLimit = limits.output ?? OUTPUT_BUDGET;
    this.workLimit = limits.work ?? WORK_BUDGET;
  }

  /** Counts `length` characters of output. */
  charge(length: number): void {
    this.used += length;
    if (this.used > this.outputLimit) throw new OutputBudgetExceeded(this.outputLimit);
  }

  /** Refuses, before it is built, a string of `length` characters that could not fit in what is left of the output. */
  reserve(length: number): void {
    if (!(length <= this.outputLimit - this.used)) throw new OutputBudgetExceeded(this.outputLimit);
  }

  /** Refuses, before they are taken, `count` steps past what is left of the work budget. */
  reserveSteps(count: number): void {
    if (!(count <= this.workLimit - this.steps)) throw new WorkBudgetExceeded(this.workLimit);
  }

  /** Counts `count` steps of work, refused past the budget. */
  step(count = 1): void {
    this.steps += count;
    if (this.steps > this.workLimit) throw new WorkBudgetExceeded(this.workLimit);
  }

  /**
   * Counts the work of a value a function reads or returns: its characters, or its items (a
   * list's elements, a map's keys; not what they hold, which was counted when it was built).
   */
  handled(value: unknown): void {
    if (typeof value === 'string') this.step(Math.ceil(value.length / CHARACTERS_PER_STEP));
    else if (Array.isArray(value)) this.step(value.length);
    else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null) this.step(Object.keys(value).length);
  }
}
