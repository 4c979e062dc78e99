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

  public static CxException labelsUnreadable(String file, String why) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot read labelled comments from '" + file + "': " + why
            + ". Give a UTF-8 CSV with a header id,lang,text,sentiment[,category] (see data-samples/labelled/).");
  }

  public static CxException modelMissing(String model, String version, String why) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot load the " + model + " model version '" + version + "': " + why
            + ". Train one with jobs/cxloop-train (--approve to approve it), or set model." + model
            + ".version=latest-approved (or model.enabled=false for keyword labels only).");
  }

  public static CxException modelTaxonomyMismatch(String model, int version, String trainedWith, String current) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot use the " + model + " model v" + version + ": it was trained on taxonomy " + abbrev(trainedWith)
            + " but conf/text/taxonomy.tsv is now " + abbrev(current) + ", so its categories may not exist any more. "
            + "Retrain it with jobs/cxloop-train --approve, or restore the taxonomy it was trained on.");
  }

  public static CxException modelUnwritable(String model, String path, Throwable cause) {
    return new CxException(CxException.Kind.INTERNAL,
        "Cannot save the " + model + " model to '" + path + "': " + rootMessage(cause)
            + ". Check that warehouse.dir is writable and has space.", cause);
  }

  public static CxException noTrainingRows(String model, String why) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot train the " + model + " model: " + why
            + ". Give more labelled comments (--labels FILE), or run the nightly job first for --weak-labels.");
  }

  private static String abbrev(String hash) {
    return hash == null ? "(unknown)" : hash.substring(0, Math.min(12, hash.length()));
  }

  public static CxException metastoreNeedsLocalFolder(String warehouse) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot set up the table catalog: warehouse.dir '" + warehouse + "' is not a local folder, and the "
            + "embedded Derby metastore needs one. Set catalog.metastore.uri to your Hive metastore, "
            + "catalog.metastore.dir to a local folder, or catalog.enabled=false.");
  }

  public static CxException catalogTableIsManaged(String table, String location) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot register " + table + ": the catalog already has a managed table of that name at '" + location
            + "', and replacing it would delete its data. Set catalog.database to another database, or drop "
            + "that table yourself if it is no longer needed.");
  }

  public static CxException vacuumRetentionTooShort(String table, int hours, Throwable cause) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot VACUUM " + table + " keeping " + hours + " hours: Delta refuses a retention shorter than the "
            + "table's delta.deletedFileRetentionDuration (" + rootMessage(cause) + "). Raise "
            + "maintenance.vacuum.retention.hours to at least 168, or, knowing that readers of older "
            + "versions may fail, pass --conf spark.databricks.delta.retentionDurationCheck.enabled=false.", cause);
  }

  public static CxException publishNotConfigured() {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot publish: publish.jdbc.url is empty. Set it to the PostgreSQL database BI tools read "
            + "(--set publish.jdbc.url=jdbc:postgresql://host:5432/db) and the password in CXLOOP_PUBLISH_PASSWORD.");
  }

  public static CxException publishTableMissing(String table, String path) {
    return new CxException(CxException.Kind.INPUT,
        "Cannot publish " + table + ": there is no Delta table at '" + path + "'. Run the nightly job "
            + "first, or check warehouse.dir.");
  }

  public static CxException publishTypeUnsupported(String table, String column, String type) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot publish " + table + ": column '" + column + "' has type " + type + ", which has no PostgreSQL "
            + "column type here. Remove the table from publish.tables.");
  }

  public static CxException publishFailed(String table, String target, Throwable cause) {
    String hint = cause instanceof java.sql.SQLException sql && "2BP01".equals(sql.getSQLState())
        ? "Other objects (views) depend on the published table, and it is replaced by a rename: drop "
            + "them, or build them on a copy; the previous table is still in place."
        : "The previously published table is still in place (the load goes to a staging table first); "
            + "check the connection settings, the role's rights on the schema, and run publish again.";
    return new CxException(CxException.Kind.INPUT,
        "Cannot publish " + table + " to " + target + ": " + rootMessage(cause) + ". " + hint, cause);
  }

  public static CxException pseudonymKeyMissing(String envVar) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot pseudonymise personal ids: the environment variable " + envVar + " is not set and "
            + "privacy.pseudonym.key.required=true. Set it to a secret of at least 32 characters from your "
            + "secret store (the same value on every run: a new key gives every customer new pseudonyms).");
  }

  public static CxException pseudonymKeyTooShort(String envVar, int minChars) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot pseudonymise personal ids: the environment variable " + envVar + " holds fewer than "
            + minChars + " characters, too few for a key. Set it to a longer random secret.");
  }

  public static CxException erasureSubjectsMissing(String why) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot erase customers: " + why + ". Give --customer-id ID (repeatable) or --ids-file FILE "
            + "with one customer id per line.");
  }

  public static CxException docsMarkersMissing(String begin, String end) {
    return new CxException(CxException.Kind.CONFIG,
        "Cannot write the table reference: the file has no block between the lines '" + begin + "' and '" + end
            + "'. Put those two lines where the reference belongs (docs/bi.md, section Tables) and run again.");
  }

  /** The forget job could not clean the run reports (the tables are erased by then). */
  public static CxException erasureReportsNotCleaned(String path, Throwable cause) {
    return new CxException(CxException.Kind.INTERNAL,
        "Cannot remove the erased customers' comments from the run reports in '" + path + "': " + rootMessage(cause)
            + ". Make the folder writable and run the same forget command again (repeating it is safe).", cause);
  }

  public static CxException reportNotWritten(String path, Throwable cause) {
    return new CxException(CxException.Kind.INTERNAL,
        "Cannot write the run report to '" + path + "': " + rootMessage(cause)
            + ". Check that the warehouse folder is writable, or set report.enabled=false.", cause);
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
