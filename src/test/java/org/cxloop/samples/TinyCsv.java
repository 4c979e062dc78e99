package org.cxloop.samples;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately separate CSV reader for the tests: one record per physical line (the generator
 * promises no line breaks inside fields), RFC-4180 quotes, and {@code null} for a line whose
 * quote is never closed.
 */
final class TinyCsv {

  private TinyCsv() {}

  /** Data lines of a file (header dropped), each parsed, null where the quoting is broken. */
  static List<List<String>> read(Path file, Charset charset, char delimiter) throws IOException {
    List<String> lines = Files.readAllLines(file, charset);
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(parse(line, delimiter));
    }
    return rows;
  }

  static List<String> header(Path file, Charset charset, char delimiter) throws IOException {
    return parse(Files.readAllLines(file, charset).get(0), delimiter);
  }

  static List<String> parse(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    fields.add(field.toString());
    return fields;
  }
}
