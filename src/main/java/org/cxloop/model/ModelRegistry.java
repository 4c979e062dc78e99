package org.cxloop.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.text.KeywordModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned models under {@code <warehouse>/models/<name>/v<N>/} and the model_registry
 * table that lists them. Training adds a version; approving one makes it the nightly run's
 * (with the default {@code latest-approved}); scoring resolves the configured version here.
 */
public final class ModelRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  public static final String LATEST_APPROVED = "latest-approved";
  public static final String LATEST = "latest";

  /** One registered version. */
  public record Entry(String name, int version, String path, String taxonomyVersion, boolean approved) {}

  private final SparkSession spark;
  private final String warehouse;

  public ModelRegistry(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse.replaceAll("/+$", "");
  }

  public String folder(String name, int version) {
    return warehouse + "/models/" + name + "/v" + version;
  }

  private String path() {
    return ModelTables.MODEL_REGISTRY.path(warehouse);
  }

  private boolean exists() {
    return DeltaTable.isDeltaTable(spark, path());
  }

  private Dataset<Row> table() {
    return spark.read().format("delta").load(path());
  }

  /** The version a new model of {@code name} gets: one more than the highest registered. */
  public int nextVersion(String name) {
    if (!exists()) {
      return 1;
    }
    Row max = table().filter(col("model_name").equalTo(name)).agg(org.apache.spark.sql.functions.max("model_version")).first();
    return max.isNullAt(0) ? 1 : max.getInt(0) + 1;
  }

  /** Saves the model in its version folder and appends its registry row. */
  public Entry register(TextModel model, int version, boolean approve, ClassMetrics heldOutAll, long trainRows,
      long testRows) {
    String name = model.kind().id;
    String dir = folder(name, version);
    model.metadata().put("model_version", version);
    model.metadata().put("path", dir);
    model.save(spark, dir);
    ModelTables.MODEL_REGISTRY.createIfNotExists(spark, warehouse);
    Map<String, Object> m = model.metadata();
    Timestamp now = Timestamp.from(Instant.now());
    Row row = RowFactory.create(name, version, dir, model.layout(),
        scala.jdk.javaapi.CollectionConverters.asScala(model.labels()).toSeq(),
        (String) m.get("taxonomy_version"), (String) m.get("label_source"), (String) m.get("training_data"),
        (String) m.get("training_data_sha256"), trainRows, testRows, heldOutAll.accuracy(), heldOutAll.macroF1(),
        approve, now, approve ? now : null);
    spark.createDataFrame(List.of(row), ModelTables.MODEL_REGISTRY.schema())
        .write().format("delta").mode("append").save(path());
    LOG.info("registered model {} v{} at {} (approved: {})", name, version, dir, approve);
    return new Entry(name, version, dir, (String) m.get("taxonomy_version"), approve);
  }

  /** Marks a registered version approved. */
  public void approve(String name, int version) {
    DeltaTable.forPath(spark, path()).update(
        col("model_name").equalTo(name).and(col("model_version").equalTo(version)),
        Map.of("approved", lit(true), "approved_at_utc", lit(Timestamp.from(Instant.now()))));
  }

  /**
   * The version {@code setting} names: latest-approved (empty when none is approved), latest
   * (empty when none is registered), or N / vN (must exist).
   *
   * @throws org.cxloop.CxException when an explicit version is not registered or its folder is gone
   */
  public Optional<Entry> resolve(String name, String setting) {
    boolean explicit = !setting.equals(LATEST_APPROVED) && !setting.equals(LATEST);
    if (!exists()) {
      if (explicit) {
        throw CxErrors.modelMissing(name, setting, "no model is registered in " + path());
      }
      return Optional.empty();
    }
    Dataset<Row> versions = table().filter(col("model_name").equalTo(name));
    if (setting.equals(LATEST_APPROVED)) {
      versions = versions.filter(col("approved"));
    } else if (explicit) {
      versions = versions.filter(col("model_version").equalTo(Integer.parseInt(setting.replaceFirst("^v", ""))));
    }
    List<Row> newest = versions.orderBy(col("model_version").desc()).limit(1)
        .select("model_version", "path", "taxonomy_version", "approved").collectAsList(); // one row
    if (newest.isEmpty()) {
      if (explicit) {
        throw CxErrors.modelMissing(name, setting, "model_registry has no such version of " + name);
      }
      return Optional.empty();
    }
    Row r = newest.get(0);
    return Optional.of(new Entry(name, r.getInt(0), r.getString(1), r.getString(2), r.getBoolean(3)));
  }

  /**
   * Loads a resolved version, refusing a category model trained on another taxonomy.
   *
   * @throws org.cxloop.CxException when the folder cannot be read or the taxonomy differs
   */
  public TextModel load(ModelKind kind, Entry e, KeywordModel keywords) {
    if (kind == ModelKind.CATEGORY && !keywords.taxonomyVersion().equals(e.taxonomyVersion())) {
      throw CxErrors.modelTaxonomyMismatch(kind.id, e.version(), e.taxonomyVersion(), keywords.taxonomyVersion());
    }
    try {
      return TextModel.load(spark, kind, e.path());
    } catch (IOException | RuntimeException ex) {
      throw CxErrors.modelMissing(kind.id, "v" + e.version(), "its folder " + e.path() + " cannot be read ("
          + CxErrors.rootMessage(ex) + ")");
    }
  }

  /**
   * The models the nightly run scores with, as configured. With the default latest-approved and
   * no approved version the run goes on with keyword labels only and says so in the log: a fresh
   * installation works before anyone has trained a model.
   */
  public static LabelCombiner.Models forScoring(SparkSession spark, CxConfig conf, KeywordModel keywords) {
    if (!conf.getBoolean(Keys.MODEL_ENABLED)) {
      LOG.info("model.enabled=false: final labels come from the keyword model only");
      return LabelCombiner.Models.NONE;
    }
    ModelRegistry registry = new ModelRegistry(spark, conf.warehouse());
    List<TextModel> loaded = new ArrayList<>();
    for (ModelKind kind : ModelKind.values()) {
      String setting = conf.get(kind == ModelKind.SENTIMENT ? Keys.MODEL_SENTIMENT_VERSION : Keys.MODEL_CATEGORY_VERSION);
      Optional<Entry> e = registry.resolve(kind.id, setting);
      if (e.isEmpty()) {
        LOG.warn("No {} model is {} in {}: {} labels come from the keyword model only (label_source=keyword). "
            + "Train and approve one with: jobs/cxloop-train --approve", kind.id,
            setting.equals(LATEST) ? "registered" : "approved", registry.path(), kind.id);
        loaded.add(null);
      } else {
        loaded.add(registry.load(kind, e.get(), keywords));
        LOG.info("scoring with the {} model v{} ({})", kind.id, e.get().version(), e.get().path());
      }
    }
    return new LabelCombiner.Models(loaded.get(0), loaded.get(1));
  }
}
