package org.cxloop.quality;

/**
 * A data-quality check as a value (the shape Deequ uses): a name, a level, and a hint that says
 * what to look at when it fails. ERROR fails the run before anything is written to the BI
 * tables; WARNING is recorded in dq_results and the run goes on.
 */
public record Check(String name, Level level, String description, String hint) {

  public enum Level { ERROR, WARNING }

  /** The outcome of a check on one run. */
  public record Result(Check check, boolean passed, Double observed, Double threshold, String message) {
    public boolean blocksRun() {
      return !passed && check.level() == Level.ERROR;
    }
  }

  public Result pass(Double observed, Double threshold, String message) {
    return new Result(this, true, observed, threshold, message);
  }

  public Result fail(Double observed, Double threshold, String message) {
    return new Result(this, false, observed, threshold, message);
  }
}
