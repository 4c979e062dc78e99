package org.cxloop;

import java.util.Collection;

/**
 * Every user-facing error in one place, each in the form
 * "Cannot &lt;do what&gt;: &lt;why&gt;. &lt;What to do&gt;." (the shape Delta Lake's DeltaErrors uses).
 */
public final class CxErrors {

  private CxErrors() {}

  public static CxException unknownConfigKey(String key, String origin, Collection<String> known) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot load the configuration: unknown key '" + key + "' in " + origin
            + ". Check its spelling; known keys start with: " + String.join(", ", known)
            + " (run with --print-config to see every key and its default).");
  }

  public static CxException badConfigValue(String key, String value, String allowed) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot use configuration key '" + key + "' = '" + value + "': " + allowed
            + ". Fix the value in the properties file or with --set " + key + "=<value>.");
  }

  public static CxException configFileMissing(String path, String origin) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot read configuration file '" + path + "' (" + origin + "): it does not exist. "
            + "Give an existing file with --conf, or create it from conf/base.properties.");
  }

  public static CxException badCommandLine(String why) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot start: " + why + ". Run with --help for the options.");
  }

  public static CxException inputMissing(String source, String path) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot read input '" + source + "' from '" + path + "': nothing is there. "
            + "Check input." + source + ".path, or set it empty if this source is optional.");
  }

  public static CxException inputUnreadable(String source, String path, Throwable cause) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot read input '" + source + "' from '" + path + "': " + rootMessage(cause)
            + ". Check the file's format, encoding and delimiter settings for input." + source + ".",
        cause);
  }

  public static CxException missingColumn(String step, String column, String available) {
    return new CxException(CxException.Kind.INTERNAL,
        "Cannot run step '" + step + "': its input has no column '" + column + "' (it has: "
            + available + "). The step is wired after the wrong one or an input schema changed.");
  }

  public static CxException countsDoNotReconcile(String source, long read, long accepted, long quarantined) {
    return new CxException(CxException.Kind.INTERNAL,
        "Cannot finish ingesting '" + source + "': read " + read + " rows but accepted " + accepted
            + " + quarantined " + quarantined + " = " + (accepted + quarantined)
            + ", so rows would be lost. This is a bug in a validation rule; please report it with the log.");
  }

  public static CxException qualityCheckFailed(String check, String message, String hint) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot publish this run: data-quality check '" + check + "' failed: " + message
            + ". Nothing was written to the BI tables; " + hint
            + " (details in dq_results), then run the same dates again.");
  }

  /** A loop-stage file (conf/loop, the initiatives input) is unusable. */
  public static CxException loopInputInvalid(String what, String why, String whatToDo) {
    return new CxException(CxException.Kind.CONFIG, "Cannot " + what + ": " + why + ". " + whatToDo);
  }

  public static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
