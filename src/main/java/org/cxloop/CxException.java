package org.cxloop;

/**
 * A failure cxloop can explain to the person who runs it. The message always says what could
 * not be done, why, and what to do about it; the kind decides the process exit code, so a
 * scheduler can tell a bad input from a bad configuration from a bug.
 */
public final class CxException extends RuntimeException {

  /** What failed, and the exit code a scheduler sees for it. */
  public enum Kind {
    /** Bad input data or a failed error-level data-quality check: fix the data, re-run. */
    INPUT(1),
    /** Bad configuration or command line: fix the settings, re-run. */
    CONFIG(2),
    /** A bug or an environment problem (disk, cluster): look at the log. */
    INTERNAL(3);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public CxException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CxException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
