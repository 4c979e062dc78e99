package org.cxloop.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.cxloop.CxException;
import org.junit.jupiter.api.Test;

/** docs/bi.md's table reference is the one the table definitions generate. No Spark session needed. */
class TableReferenceTest {

  @Test
  void docsBiMdHoldsTheReferenceTheTableDefinitionsGenerate() throws IOException {
    String doc = Files.readString(Path.of("docs/bi.md"), StandardCharsets.UTF_8);
    assertThat(TableReference.currentBlock(doc))
        .as("the generated table reference in docs/bi.md differs from the table definitions; regenerate it "
            + "from the project folder with: %s", TableReference.REGENERATE)
        .isEqualTo(TableReference.markdown());
  }

  @Test
  void everyTableIsListedOnceAndEveryColumnHasAMeaning() {
    List<TableDef> all = TableReference.allTables();
    assertThat(all).extracting(TableDef::name).as("each table once").doesNotHaveDuplicates()
        .contains("responses_enriched", "nps_drivers", "account_nps", "nps_cohorts", "followup_sla", "owner_actions",
            "initiative_impact", "dq_results", "erasure_log", "model_registry", "emerging_themes")
        .hasSize(CxTables.BI_TABLES.size() + 4);
    for (TableDef t : all) {
      assertThat(t.comment()).as("table comment of %s", t.name()).isNotBlank();
      for (StructField f : t.schema().fields()) {
        assertThat(f.getComment().isDefined() ? f.getComment().get() : "").as("comment of %s.%s", t.name(), f.name())
            .isNotBlank();
      }
    }
  }

  @Test
  void summaryRowsSayPartitioningProtocolAndChangeFeed() {
    String md = TableReference.markdown();
    assertThat(md).contains(
        "| [`responses_enriched`](#responses_enriched) | every nightly run | `response_month` | (1, 4) | yes |",
        "| [`followup_cases`](#followup_cases) | every nightly run | - | (1, 4) | yes |",
        "| [`nps_summary`](#nps_summary) | every nightly run | `grain`, `dimension` | (1, 2) | no |",
        "| [`erasure_log`](#erasure_log) | `forget` (erasure requests) | - | (1, 2) | no |");
    // A '|' inside a comment would split the markdown cell: label_confidence's comment has |score|.
    assertThat(md).contains("keyword strength \\|score\\|");
  }

  @Test
  void replacingTheBlockKeepsTheTextAroundIt() {
    String doc = "intro\n" + TableReference.BEGIN + "\nold\n" + TableReference.END + "\noutro\n";
    String out = TableReference.replaceBlock(doc, TableReference.markdown());
    assertThat(out).startsWith("intro\n" + TableReference.BEGIN).endsWith(TableReference.END + "\noutro\n")
        .doesNotContain("\nold\n");
    assertThat(TableReference.currentBlock(out)).isEqualTo(TableReference.markdown());
    assertThatThrownBy(() -> TableReference.replaceBlock("no markers", "x")).isInstanceOf(CxException.class)
        .hasMessageStartingWith("Cannot write the table reference");
  }
}
