// What stops a run before its end: Ctrl-C (a second one quits at once), a closed stdout, a journal
// that cannot be written. Each stops it once, through one AbortSignal, and says why.

export class Interrupts {
  readonly #controller = new AbortController();
  /** Why the run was stopped, for the rows it never reached and the summary; undefined if it was not. */
  stoppedBy: string | undefined;
  /** Whether the stop was an interruption (exit 130) rather than a failure. */
  interrupted = false;
  #sigints = 0;
  readonly #onSigint = () => {
    if (++this.#sigints > 1) process.exit(this.quitCode);
    process.stderr.write(
      "\nstopping: no new adds; those in flight are cut short, and the next run settles them (Ctrl-C again to quit at once)\n",
    );
    this.stop("interrupted", true);
  };

  constructor(private readonly quitCode: number) {
    process.on("SIGINT", this.#onSigint);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  stop(why: string, interruption: boolean): void {
    if (this.#controller.signal.aborted) return;
    this.stoppedBy = why;
    this.interrupted = interruption;
    this.#controller.abort(new Error(why));
  }

  /** Ctrl-C is Node's again. */
  dispose(): void {
    process.off("SIGINT", this.#onSigint);
  }
}
