package org.cxloop.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructField;
import org.cxloop.CxErrors;
import org.cxloop.model.ModelTables;

/**
 * The table reference in docs/bi.md, generated from the table definitions (name, comment,
 * partitioning, protocol, every column with its type and comment) so the documentation says what
 * the tables hold: {@code TableReferenceTest} fails when the block in docs/bi.md differs from
 * {@link #markdown()}.
 *
 * <p>{@code main} prints the block; {@code main --write docs/bi.md} replaces the block in the file
 * ({@link #REGENERATE}). Needs no Spark session: the definitions are plain values.
 */
public final class TableReference {

  public static final String BEGIN =
      "<!-- BEGIN generated table reference: org.cxloop.output.TableReference; do not edit by hand -->";
  public static final String END = "<!-- END generated table reference -->";

  /** The command that rewrites the block in docs/bi.md (from the project folder). */
  public static final String REGENERATE = "mvn -B -q compile exec:java -Dexec.mainClass=org.cxloop.output.TableReference"
      + " -Dexec.classpathScope=compile -Dexec.args=\"--write docs/bi.md\"";

  /** Tables one job writes, and how a reader finds them. */
  public record Group(String writtenBy, String access, List<TableDef> tables) {}

  /** Every table cxloop writes, by the job that writes it. */
  public static final List<Group> GROUPS = List.of(
      new Group("every nightly run", "by name `cxloop.<table>` (catalog) or by path `<warehouse.dir>/<table>`",
          CxTables.BI_TABLES),
      new Group("`forget` (erasure requests)", "by path `<warehouse.dir>/<table>`", List.of(CxTables.ERASURE_LOG)),
      new Group("`train` (model versions and their held-out metrics)", "by path `<warehouse.dir>/<table>`",
          List.of(ModelTables.MODEL_REGISTRY, ModelTables.MODEL_METRICS)),
      new Group("`themes` (weekly emerging themes)", "by path `<warehouse.dir>/<table>`",
          List.of(ModelTables.EMERGING_THEMES)));

  private TableReference() {}

  /** Every table of {@link #GROUPS}, in order. */
  public static List<TableDef> allTables() {
    List<TableDef> all = new ArrayList<>();
    GROUPS.forEach(g -> all.addAll(g.tables()));
    return List.copyOf(all);
  }

  /** The generated block, markers included. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("<!-- Regenerate with: ").append(REGENERATE).append(" -->\n\n");
    md.append("| table | written by | partitioned by | reader, writer version | Change Data Feed |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (Group g : GROUPS) {
      for (TableDef t : g.tables()) {
        md.append("| [`").append(t.name()).append("`](#").append(t.name()).append(") | ").append(g.writtenBy())
            .append(" | ").append(partitioning(t)).append(" | ").append(protocol(t)).append(" | ")
            .append(changeFeed(t) ? "yes" : "no").append(" |\n");
      }
    }
    for (Group g : GROUPS) {
      for (TableDef t : g.tables()) {
        md.append('\n').append("### ").append(t.name()).append("\n\n");
        md.append(cell(t.comment())).append("\n\n");
        md.append("Written by ").append(g.writtenBy()).append("; read ").append(g.access().replace("<table>", t.name()))
            .append(". Partitioned by ").append(partitioning(t)).append("; protocol ").append(protocol(t))
            .append(changeFeed(t) ? ", Change Data Feed on" : "").append(".\n\n");
        md.append("| column | type | meaning |\n| --- | --- | --- |\n");
        for (StructField f : t.schema().fields()) {
          md.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
              .append(cell(f.getComment().isDefined() ? f.getComment().get() : "")).append(" |\n");
        }
      }
    }
    md.append('\n').append(END).append('\n');
    return md.toString();
  }

  /** {@code text} with its generated block (markers included) replaced by {@code block}. */
  public static String replaceBlock(String text, String block) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw CxErrors.docsMarkersMissing(BEGIN, END);
    }
    int after = end + END.length();
    if (after < text.length() && text.charAt(after) == '\n') {
      after++;
    }
    return text.substring(0, begin) + block + text.substring(after);
  }

  /** The generated block as it stands in {@code text} (markers included), or empty when missing. */
  public static String currentBlock(String text) {
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      return "";
    }
    int after = end + END.length();
    return text.substring(begin, Math.min(after + 1, text.length()));
  }

  static String partitioning(TableDef t) {
    return t.partitionColumns().isEmpty() ? "-" : "`" + String.join("`, `", t.partitionColumns()) + "`";
  }

  static String protocol(TableDef t) {
    Map<String, String> p = t.properties();
    return "(" + p.get("delta.minReaderVersion") + ", " + p.get("delta.minWriterVersion") + ")";
  }

  static boolean changeFeed(TableDef t) {
    return "true".equals(t.properties().get("delta.enableChangeDataFeed"));
  }

  /** Text safe inside a markdown table cell: a '|' would end the cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.out.print(markdown());
      return;
    }
    if (args.length != 2 || !args[0].equals("--write")) {
      System.err.println("Usage: TableReference [--write docs/bi.md]");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, replaceBlock(text, markdown()), StandardCharsets.UTF_8);
    System.out.println("Table reference written to " + file);
  }
}
