package org.cxloop.model;

/** The two trained models, with the labelled column they learn and the columns they add. */
public enum ModelKind {
  SENTIMENT("sentiment", LabelledData.SENTIMENT, "ml_sentiment_label", "ml_sentiment_probability"),
  CATEGORY("category", LabelledData.CATEGORY, "ml_category", "ml_category_probability");

  /** Name in the registry and the folder under {@code <warehouse>/models/}. */
  public final String id;
  /** Column of the labelled data the model learns. */
  public final String labelColumn;
  /** Output: the most probable label. */
  public final String labelOut;
  /** Output: map label -> probability (sums to 1). */
  public final String probabilityOut;

  ModelKind(String id, String labelColumn, String labelOut, String probabilityOut) {
    this.id = id;
    this.labelColumn = labelColumn;
    this.labelOut = labelOut;
    this.probabilityOut = probabilityOut;
  }

  public static ModelKind of(String id) {
    for (ModelKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no model kind " + id);
  }
}
