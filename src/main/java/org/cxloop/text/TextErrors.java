package org.cxloop.text;

import java.nio.file.Path;

/** Every user-facing error of the text stage, in one place: "Cannot ...: why. What to do." */
final class TextErrors {

  private static final String SEE_README = "See conf/text/README.md for the format.";

  private TextErrors() {}

  static IllegalArgumentException missingFile(Path file) {
    return new IllegalArgumentException("Cannot load the keyword model: " + file
        + " does not exist or is not a readable file. Point the job at the conf/text directory"
        + " that holds all the keyword model files. " + SEE_README);
  }

  static IllegalArgumentException unreadableFile(Path file, Exception cause) {
    return new IllegalArgumentException("Cannot load the keyword model: " + file
        + " cannot be read as UTF-8 (" + cause.getMessage() + "). Re-save it as UTF-8"
        + " (a Windows-1250/1251 export must be converted).", cause);
  }

  static IllegalArgumentException ioFailure(Path file, Exception cause) {
    return new IllegalArgumentException("Cannot load the keyword model: " + file
        + " cannot be read (" + cause + "). Check the file's permissions.", cause);
  }

  static IllegalArgumentException badLine(Path file, int line, String why, String whatToDo) {
    return new IllegalArgumentException("Cannot load the keyword model: " + file + ":" + line
        + " " + why + ". " + whatToDo + " " + SEE_README);
  }

  static IllegalArgumentException badFile(Path file, String why, String whatToDo) {
    return new IllegalArgumentException("Cannot load the keyword model: " + file + " " + why
        + ". " + whatToDo + " " + SEE_README);
  }

  static IllegalArgumentException missingColumn(String column, String type, String[] present) {
    return new IllegalArgumentException("Cannot tag comments: the input has no " + type
        + " column '" + column + "' (it has " + String.join(", ", present) + "). Select or"
        + " rename the column before calling KeywordTagging.tag.");
  }

  static IllegalArgumentException columnClash(String column) {
    return new IllegalArgumentException("Cannot tag comments: the input already has a column '"
        + column + "', which keyword tagging adds. Drop it first (was the input tagged twice?).");
  }
}
