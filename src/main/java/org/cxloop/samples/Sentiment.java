package org.cxloop.samples;

/** Sentiment of one phrase in the phrase bank. */
enum Sentiment {
  NEGATIVE("negative"),
  NEUTRAL("neutral"),
  POSITIVE("positive");

  final String id;

  Sentiment(String id) {
    this.id = id;
  }

  static Sentiment of(String id) {
    for (Sentiment s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown sentiment '" + id + "': use negative, neutral or positive.");
  }
}
