package org.cxloop.text;

/** STUB until the text branch is merged. */
public final class KeywordModel implements java.io.Serializable {
  public static KeywordModel load(java.nio.file.Path dir) { return new KeywordModel(); }
  public String taxonomyVersion() { return "stub"; }
}
