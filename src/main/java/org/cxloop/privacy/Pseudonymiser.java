package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed pseudonyms: HMAC-SHA256 of an id under a secret key, as 64 hex characters. The same id
 * gets the same pseudonym on every run (BI still counts answers per customer and joins tables
 * on it), but without the key nobody can go back from the pseudonym to the id, nor test a
 * guessed id against it (a plain SHA-256 of "C0000029" is one dictionary lookup away).
 *
 * <p>The key is the value of the environment variable {@value #KEY_ENV}, never a file in the
 * repository, never logged, never in the configuration that {@code --print-config} shows. When
 * the variable is missing, {@code privacy.pseudonym.key.required=true} (production) fails the
 * run; otherwise a random development key is generated once and kept in
 * {@code <warehouse>/_cxloop_private/pseudonym-key.DEVELOPMENT-ONLY}, with a warning on every
 * run: it keeps the sample runs working and stable, and it sits next to the data it protects,
 * so it is no protection against someone who can read the warehouse.
 *
 * <p>Changing the key gives every id a new pseudonym: rows loaded before and after no longer
 * join. Rotate it only together with a full reload.
 */
public final class Pseudonymiser implements java.io.Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(Pseudonymiser.class);
  public static final String KEY_ENV = "CXLOOP_PSEUDONYM_KEY";
  static final String DEV_KEY_FILE = "_cxloop_private/pseudonym-key.DEVELOPMENT-ONLY";
  static final int MIN_KEY_CHARS = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private final boolean developmentKey;

  private Pseudonymiser(byte[] key, boolean developmentKey) {
    this.key = key;
    this.developmentKey = developmentKey;
  }

  /** The pseudonymiser with a given key: for tests and for callers that hold the key already. */
  public static Pseudonymiser withKey(String key) {
    return new Pseudonymiser(key.getBytes(StandardCharsets.UTF_8), false);
  }

  /** The key from the environment, or the warehouse's development key when that is allowed. */
  public static Pseudonymiser forWarehouse(SparkSession spark, CxConfig conf) {
    return forWarehouse(spark, conf, System.getenv());
  }

  static Pseudonymiser forWarehouse(SparkSession spark, CxConfig conf, Map<String, String> env) {
    String fromEnv = env.get(KEY_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (fromEnv.length() < MIN_KEY_CHARS) {
        throw CxErrors.pseudonymKeyTooShort(KEY_ENV, MIN_KEY_CHARS);
      }
      return withKey(fromEnv);
    }
    if (conf.getBoolean(Keys.PSEUDONYM_KEY_REQUIRED)) {
      throw CxErrors.pseudonymKeyMissing(KEY_ENV);
    }
    Path file = new Path(conf.warehouse().replaceAll("/+$", "") + "/" + DEV_KEY_FILE);
    LOG.warn("{} is not set: pseudonyms use the development key in {} (not for real customers; "
        + "set privacy.pseudonym.key.required=true in production)", KEY_ENV, file);
    return new Pseudonymiser(readOrCreateDevKey(spark, file), true);
  }

  public boolean isDevelopmentKey() {
    return developmentKey;
  }

  /** HMAC-SHA256 of the id as lower-case hex; null and blank stay null. */
  public String pseudonym(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    return HexFormat.of().formatHex(hmac(key, id));
  }

  /**
   * The pseudonym as a Spark column. A UDF rather than built-ins on purpose: HMAC can be built
   * from {@code sha2} and {@code concat} with the key as a binary literal, but a literal shows in
   * the query plan, which the Spark UI and the event logs display; inside the UDF the key stays
   * out of every plan.
   */
  public Column pseudonym(Column id) {
    byte[] k = key;
    UserDefinedFunction f = udf((UDF1<String, String>) v ->
        v == null || v.isBlank() ? null : HexFormat.of().formatHex(hmac(k, v)), DataTypes.StringType);
    return f.apply(id);
  }

  /** Replaces each listed column by its pseudonym. */
  public Dataset<Row> apply(Dataset<Row> rows, List<String> columns) {
    Dataset<Row> out = rows;
    for (String c : columns) {
      if (!Arrays.asList(rows.columns()).contains(c)) {
        throw CxErrors.missingColumn("pseudonymise", c, String.join(", ", rows.columns()));
      }
      out = out.withColumn(c, pseudonym(col(c)));
    }
    return out;
  }

  private static byte[] hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  private static byte[] readOrCreateDevKey(SparkSession spark, Path file) {
    try {
      FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (OutputStream out = fs.create(file, false)) {
          out.write(HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException raced) {
          // another run created it first: read theirs
        }
      }
      try (InputStream in = fs.open(file)) {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().getBytes(StandardCharsets.US_ASCII);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read or create the development pseudonym key " + file, e);
    }
  }
}
