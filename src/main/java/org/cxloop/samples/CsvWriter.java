package org.cxloop.samples;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC-4180 CSV writer: a field is quoted when it holds the delimiter, a quote or a line break,
 * and quotes inside are doubled.
 *
 * <p>The encoder reports unmappable characters instead of writing '?': an emoji that cannot be
 * encoded in Windows-1250 must fail the generator, not silently corrupt a legacy sample.
 */
final class CsvWriter implements Closeable {

  private final Writer out;
  private final char delimiter;
  private final String lineEnd;
  private long dataRows;

  CsvWriter(Path file, Charset charset, char delimiter, String lineEnd, List<String> header)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
        charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    this.delimiter = delimiter;
    this.lineEnd = lineEnd;
    writeLine(header.toArray(new String[0]));
  }

  static CsvWriter utf8(Path file, List<String> header) throws IOException {
    return new CsvWriter(file, StandardCharsets.UTF_8, ',', "\n", header);
  }

  void writeRow(String... fields) throws IOException {
    writeLine(fields);
    dataRows++;
  }

  /** A data row written as is: only for the deliberately malformed rows. */
  void writeRawRow(String line) throws IOException {
    out.write(line);
    out.write(lineEnd);
    dataRows++;
  }

  long dataRows() {
    return dataRows;
  }

  private void writeLine(String[] fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      out.write(quote(fields[i], delimiter));
    }
    out.write(lineEnd);
  }

  static String quote(String field, char delimiter) {
    if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
      // One physical line per row keeps the samples readable line by line: never needed.
      throw new IllegalArgumentException("Cannot write a sample field with a line break: " + field);
    }
    if (field.indexOf(delimiter) < 0 && field.indexOf('"') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
