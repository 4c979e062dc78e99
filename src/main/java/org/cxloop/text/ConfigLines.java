package org.cxloop.text;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a keyword-model file: UTF-8, {@code #} comments and blank lines skipped, line numbers kept. */
final class ConfigLines {

  record Line(Path file, int number, String text) {

    IllegalArgumentException error(String why, String whatToDo) {
      return TextErrors.badLine(file, number, why, whatToDo);
    }

    /** The TAB-separated fields; fails unless there are between {@code min} and {@code max}. */
    String[] fields(int min, int max, String format) {
      String[] f = text.split("\t", -1);
      if (f.length < min || f.length > max) {
        throw error("expected " + format + " separated by TAB characters but found " + f.length
            + " field(s) in '" + text + "'", "Separate the fields with one TAB (editors may turn"
            + " it into spaces)");
      }
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].strip();
        if (f[i].isEmpty()) {
          throw error("field " + (i + 1) + " is empty", "Fill it in or delete the line");
        }
      }
      return f;
    }
  }

  private ConfigLines() {}

  static List<Line> read(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw TextErrors.missingFile(file);
    }
    List<String> raw;
    try {
      raw = Files.readAllLines(file); // UTF-8, and fails on bytes that are not UTF-8
    } catch (CharacterCodingException e) {
      throw TextErrors.unreadableFile(file, e);
    } catch (IOException e) {
      throw TextErrors.ioFailure(file, e);
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String text = raw.get(i);
      if (i == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte-order mark that Windows editors write
      }
      String trimmed = text.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        lines.add(new Line(file, i + 1, text));
      }
    }
    return lines;
  }
}
