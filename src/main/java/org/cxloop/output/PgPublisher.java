package org.cxloop.output;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one Delta table into PostgreSQL so that a reader never sees a half-loaded table: the
 * rows go into a staging table first (created here, with PostgreSQL types and the Delta
 * comments), then one transaction drops the published table and renames the staging table in
 * its place. PostgreSQL DDL is transactional, so a BI query sees the old table or the new one;
 * one that is running holds its lock and the swap waits for it.
 */
public final class PgPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(PgPublisher.class);

  /** Suffix of the staging table; a failed load leaves one behind, and the next publish replaces it. */
  static final String STAGING_SUFFIX = "__cxloop_staging";
  /** Table in the target schema recording what was published when, for freshness checks in BI. */
  public static final String LOG_TABLE = "publish_log";

  /** Where to publish. The password is held here only; it is never logged or printed. */
  public record Target(String url, String user, String password, String schema) {
    @Override
    public String toString() {
      return url + " schema " + schema + " as " + user; // no password
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, properties());
    }

    Properties properties() {
      Properties p = new Properties();
      p.setProperty("user", user);
      if (password != null) {
        p.setProperty("password", password);
      }
      p.setProperty("driver", "org.postgresql.Driver");
      // Lets the driver send Spark's JDBC batches as multi-row INSERTs: several times faster.
      p.setProperty("reWriteBatchedInserts", "true");
      return p;
    }
  }

  /** One published table: rows and the Delta version they came from. */
  public record Published(String table, long rows, long deltaVersion) {}

  private PgPublisher() {}

  /**
   * Publishes {@code rows} (a fixed Delta version of {@code table}) as {@code schema.table}.
   *
   * @param tableComment Delta table comment, copied to PostgreSQL (null for none)
   */
  public static Published publish(Target target, String table, Dataset<Row> rows, long deltaVersion,
      String tableComment) {
    long start = System.nanoTime();
    String live = target.schema() + "." + table;
    String staging = target.schema() + "." + table + STAGING_SUFFIX;
    String createStaging = createTableSql(staging, table, rows.schema());
    try (Connection c = target.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + target.schema());
        s.execute("CREATE TABLE IF NOT EXISTS " + target.schema() + "." + LOG_TABLE
            + " (table_name text PRIMARY KEY, row_count bigint, delta_version bigint, published_at_utc timestamptz)");
        s.execute("COMMENT ON TABLE " + target.schema() + "." + LOG_TABLE
            + " IS 'cxloop publish job: which Delta version of each table is here, and since when'");
        s.execute("DROP TABLE IF EXISTS " + staging);
        s.execute(createStaging);
        comment(s, staging, tableComment, rows.schema());
      }
      // The bulk load runs in Spark's executors over their own connections; it commits into the
      // staging table, which no reader uses.
      rows.write().mode("append").jdbc(target.url(), staging, target.properties());
      long count;
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        try (var rs = s.executeQuery("SELECT count(*) FROM " + staging)) {
          rs.next();
          count = rs.getLong(1);
        }
        s.execute("DROP TABLE IF EXISTS " + live);
        s.execute("ALTER TABLE " + staging + " RENAME TO " + table);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + target.schema() + "." + LOG_TABLE
            + " VALUES (?, ?, ?, now()) ON CONFLICT (table_name) DO UPDATE SET row_count = EXCLUDED.row_count, "
            + "delta_version = EXCLUDED.delta_version, published_at_utc = EXCLUDED.published_at_utc")) {
          p.setString(1, table);
          p.setLong(2, count);
          p.setLong(3, deltaVersion);
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      LOG.info("publish: {} rows of {} (Delta version {}) to {} in {} s", count, table, deltaVersion, live,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
      return new Published(table, count, deltaVersion);
    } catch (SQLException e) {
      throw CxErrors.publishFailed(table, target.toString(), e);
    } catch (org.cxloop.CxException e) {
      throw e;
    } catch (RuntimeException e) { // Spark's JDBC writer
      throw CxErrors.publishFailed(table, target.toString(), e);
    }
  }

  /** CREATE TABLE with the PostgreSQL type of every column. */
  static String createTableSql(String qualified, String table, StructType schema) {
    List<String> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(quote(f.name()) + " " + pgType(table, f.name(), f.dataType()));
    }
    return "CREATE TABLE " + qualified + " (" + String.join(", ", cols) + ")";
  }

  /**
   * PostgreSQL column type of a Spark type. Timestamps become timestamptz: cxloop's timestamps
   * are instants (the _utc columns), and a plain timestamp would store the driver JVM's wall time.
   */
  static String pgType(String table, String column, DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "text";
    } else if (t.equals(DataTypes.IntegerType)) {
      return "integer";
    } else if (t.equals(DataTypes.LongType)) {
      return "bigint";
    } else if (t.equals(DataTypes.DoubleType)) {
      return "double precision";
    } else if (t.equals(DataTypes.BooleanType)) {
      return "boolean";
    } else if (t.equals(DataTypes.DateType)) {
      return "date";
    } else if (t.equals(DataTypes.TimestampType)) {
      return "timestamptz";
    } else if (t instanceof DecimalType d) {
      return "numeric(" + d.precision() + "," + d.scale() + ")";
    } else if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
      return "text[]";
    }
    throw CxErrors.publishTypeUnsupported(table, column, t.simpleString());
  }

  private static void comment(Statement s, String qualified, String tableComment, StructType schema) throws SQLException {
    if (tableComment != null && !tableComment.isEmpty()) {
      s.execute("COMMENT ON TABLE " + qualified + " IS " + literal(tableComment));
    }
    for (StructField f : schema.fields()) {
      if (f.getComment().isDefined()) {
        s.execute("COMMENT ON COLUMN " + qualified + "." + quote(f.name()) + " IS " + literal(f.getComment().get()));
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
