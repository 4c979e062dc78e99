package org.cxloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

class EmergingThemesTest {

  private static final LocalDate MONDAY = LocalDate.parse("2026-08-10");
  private static final StructType SCHEMA = new StructType()
      .add("response_id", "string").add("has_comment", "boolean").add("comment_language", "string")
      .add("response_date", "date").add("primary_category", "string").add("category_confidence", "double")
      .add("comment", "string");

  private static final String[][] BACKGROUND = {
      {"the weather was rainy and cold", "rainy weather again, so cold", "cold weather and rain all week",
          "such rainy cold weather today"},
      {"loved the music playlist", "the playlist had a great song", "music album and playlist were fine",
          "nice song on the music playlist"},
      {"holiday trip to the beach hotel", "the beach hotel on our holiday", "hotel by the beach, holiday trip",
          "our holiday trip hotel was near the beach"}};

  private static final String[] PLANTED = {"esim activation failed", "the esim activation failed twice",
      "esim qr code activation failed", "cannot activate esim, activation failed", "esim activation failed again"};

  @Test
  void aPlantedNewThemeIsFoundAndFlaggedAsGrowing() {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int week = -4; week <= 0; week++) {
      LocalDate day = MONDAY.plusWeeks(week).plusDays(2);
      for (String[] topic : BACKGROUND) {
        for (String comment : topic) { // 4 per topic and week, every week: no growth
          rows.add(RowFactory.create("B" + id++, true, "en", Date.valueOf(day), null, null, comment));
        }
      }
    }
    for (int i = 0; i < 15; i++) { // 15 this week, none before: planted growth
      boolean lowConfidence = i < 3; // placed, but unsure: still unplaced for themes
      rows.add(RowFactory.create("P" + i, true, "en", Date.valueOf(MONDAY.plusDays(i % 7)),
          lowConfidence ? "product_quality" : null, lowConfidence ? 0.3 : null, PLANTED[i % PLANTED.length]));
    }
    // Placed with confidence, outside the window, or without a comment: never clustered.
    rows.add(RowFactory.create("X1", true, "en", Date.valueOf(MONDAY), "product_quality", 0.9, "esim activation failed"));
    rows.add(RowFactory.create("X2", true, "en", Date.valueOf(MONDAY.plusDays(7)), null, null, "esim activation failed"));
    rows.add(RowFactory.create("X3", false, "en", Date.valueOf(MONDAY), null, null, null));

    EmergingThemes.Settings s = new EmergingThemes.Settings(4, 5, 0.01, 0.5, 3);
    List<Row> themes = EmergingThemes.themes(SharedSpark.get(),
        EmergingThemes.unplaced(SharedSpark.get().createDataFrame(rows, SCHEMA), MONDAY, 0.5), MONDAY, s,
        new Timestamp(0)).collectAsList();

    List<Row> growing = themes.stream().filter(r -> r.<Boolean>getAs("growing")).toList();
    assertThat(growing).as("only the planted theme grows").isNotEmpty()
        .allSatisfy(r -> assertThat(r.<scala.collection.Seq<String>>getAs("top_terms").contains("esim")).isTrue());
    // All 15 planted comments (12 uncategorised + 3 low-confidence) are in growing themes; none before.
    assertThat(growing.stream().mapToLong(r -> r.<Long>getAs("comments_this_week")).sum()).isEqualTo(15);
    assertThat(growing.stream().mapToLong(r -> r.<Long>getAs("comments_prev_4_weeks")).sum()).isZero();
    assertThat(themes.stream().filter(r -> !r.<Boolean>getAs("growing"))
        .mapToLong(r -> r.<Long>getAs("comments_this_week")).sum()).as("3 topics x 4 this week").isEqualTo(12);
    assertThat(themes.get(0).<Long>getAs("comments_clustered")).as("5 weeks x 12 + 15").isEqualTo(75);
    assertThat(themes).allSatisfy(r -> assertThat(r.<Date>getAs("week_start")).isEqualTo(Date.valueOf(MONDAY)));
  }

  @Test
  void poissonUpperTailByHand() {
    // P(X >= 2 | 0.5) = 1 - e^-0.5 (1 + 0.5) = 1 - 0.60653 * 1.5 = 0.090204
    assertThat(EmergingThemes.poissonUpperTail(2, 0.5)).isCloseTo(0.090204, within(1e-6));
    assertThat(EmergingThemes.poissonUpperTail(0, 3.0)).isEqualTo(1.0);
    // P(X >= 1 | 4) = 1 - e^-4 = 0.981684
    assertThat(EmergingThemes.poissonUpperTail(1, 4.0)).isCloseTo(0.981684, within(1e-6));
  }

  @Test
  void aWeekStartsOnMonday() {
    assertThat(EmergingThemes.weekStart(LocalDate.parse("2026-08-16"))).isEqualTo(MONDAY); // a Sunday
    assertThat(EmergingThemes.weekStart(MONDAY)).isEqualTo(MONDAY);
  }
}
