package org.cxloop.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxErrors;
import org.cxloop.quality.RowRules;

/**
 * One input after validation: the flagged rows (persisted, or derived from persisted rows by
 * cheap steps, because accepted rows, quarantined rows and the counts are all taken from them)
 * and the counts per source and rule.
 */
public final class Ingested {

  private final Dataset<Row> flagged;
  /** What is persisted: {@code flagged} itself, or the rows it is derived from. */
  private final Dataset<Row> kept;
  private final Map<String, Long> counts;
  private final long read;
  private final long quarantined;

  private Ingested(Dataset<Row> flagged, Dataset<Row> kept, Map<String, Long> counts, long read, long quarantined) {
    this.flagged = flagged;
    this.kept = kept;
    this.counts = counts;
    this.read = read;
    this.quarantined = quarantined;
  }

  /** Persists {@code flagged} and counts it once by source and rule (a small result). */
  public static Ingested of(Dataset<Row> flagged) {
    Dataset<Row> kept = flagged.persist(StorageLevel.MEMORY_AND_DISK());
    return counted(kept, kept);
  }

  /**
   * Persists the rows the row rules have checked, then marks the copies of a key among them with
   * {@link Copies#flagRare} and applies {@code then} (a further check, such as a lookup in what
   * is already loaded). The copies are derived from the persisted rows on each use (with no
   * repeated key, the usual case, they are the persisted rows themselves); what {@code then}
   * returns, when it changes anything, is persisted too, so its lookup runs once.
   */
  public static Ingested of(Dataset<Row> checked, Copies copies, java.util.function.UnaryOperator<Dataset<Row>> then) {
    Dataset<Row> kept = checked.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> withCopies = copies.flagRare(kept);
    Dataset<Row> flagged = then.apply(withCopies);
    return counted(flagged == withCopies ? flagged : flagged.persist(StorageLevel.MEMORY_AND_DISK()), kept);
  }

  /** {@link #of(Dataset, Copies, java.util.function.UnaryOperator)} with no further check. */
  public static Ingested of(Dataset<Row> checked, Copies copies) {
    return of(checked, copies, rows -> rows);
  }

  private static Ingested counted(Dataset<Row> flagged, Dataset<Row> kept) {
    List<Row> byRule = flagged.groupBy(col(SourceReader.SOURCE), col(RowRules.RULE)).count().collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    long read = 0;
    long quarantined = 0;
    for (Row r : byRule.stream().sorted((a, b) -> key(a).compareTo(key(b))).toList()) {
      String source = r.getString(0);
      String rule = r.getString(1);
      long n = r.getLong(2);
      read += n;
      counts.merge("read." + source, n, Long::sum);
      if (rule == null) {
        counts.merge("accepted." + source, n, Long::sum);
      } else {
        quarantined += n;
        counts.merge("quarantined." + source + "." + rule, n, Long::sum);
      }
    }
    return new Ingested(flagged, kept, counts, read, quarantined);
  }

  private static String key(Row r) {
    return r.getString(0) + "|" + (r.isNullAt(1) ? "" : r.getString(1));
  }

  public Dataset<Row> accepted() {
    return RowRules.passed(flagged);
  }

  public Dataset<Row> quarantined() {
    return RowRules.broken(flagged);
  }

  public long read() {
    return read;
  }

  public long quarantinedCount() {
    return quarantined;
  }

  public long acceptedCount() {
    return read - quarantined;
  }

  public Map<String, Long> counts() {
    return counts;
  }

  /** Checks that what was written adds up to what was read; a mismatch is a bug, not bad data. */
  public void reconcile(String source, long acceptedWritten, long quarantinedWritten) {
    if (acceptedWritten + quarantinedWritten != read) {
      throw CxErrors.countsDoNotReconcile(source, read, acceptedWritten, quarantinedWritten);
    }
  }

  public void release() {
    flagged.unpersist(); // not persisted itself unless a further check made it (a no-op then)
    kept.unpersist();
  }
}
