package org.cxloop.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cxloop.ingest.InputSchemas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {

  private static final long RESPONSES = 2000;
  private static final long LEGACY = 120;

  @TempDir static Path first;
  @TempDir static Path second;

  private static JsonNode manifest;
  private static Map<String, List<String[]>> crmByCustomer;

  @BeforeAll
  static void generate() throws IOException {
    SampleDataGenerator.run(config(first));
    manifest = new ObjectMapper().readTree(first.resolve(SampleDataGenerator.MANIFEST_FILE).toFile());
    crmByCustomer = new HashMap<>();
    for (List<String> row : TinyCsv.read(first.resolve(SampleDataGenerator.CRM_FILE), StandardCharsets.UTF_8, ',')) {
      crmByCustomer.computeIfAbsent(row.get(0), k -> new ArrayList<>())
          .add(new String[] {row.get(10), row.get(11), row.get(9)});
    }
  }

  private static SampleDataGenerator.Config config(Path out) {
    return new SampleDataGenerator.Config(out, RESPONSES, 7, LocalDate.of(2026, 5, 1), 184, true, LEGACY);
  }

  @Test
  void sameSeedWritesByteIdenticalFiles() throws IOException {
    SampleDataGenerator.run(config(second));
    List<Path> files = files(first);
    // 7 data files + initiatives.csv and its customer list
    assertThat(files).as("generated files").hasSize(9);
    for (Path file : files) {
      Path twin = second.resolve(first.relativize(file));
      assertThat(Files.readAllBytes(twin)).as("second run of %s", first.relativize(file))
          .isEqualTo(Files.readAllBytes(file));
    }
    assertThat(files(second)).as("files of the second run").hasSameSizeAs(files);
  }

  @Test
  void legacyFilesDecodeOnlyWithTheirCodePages() throws IOException {
    byte[] pl = Files.readAllBytes(first.resolve(SampleDataGenerator.LEGACY_PL_FILE));
    byte[] ru = Files.readAllBytes(first.resolve(SampleDataGenerator.LEGACY_RU_FILE));
    String plText = new String(pl, SampleDataGenerator.CP1250);
    String ruText = new String(ru, SampleDataGenerator.CP1251);
    assertThat(plText).as("Polish export read as Windows-1250").contains("ł", "ś", "ż", "\r\nPLX-");
    assertThat(ruText).as("Russian export read as Windows-1251").contains("ж", "ы", "д");
    assertThat(new String(pl, StandardCharsets.UTF_8)).as("Polish export misread as UTF-8").doesNotContain("ł");
    assertThat(new String(ru, SampleDataGenerator.CP1250)).as("Russian export misread as Windows-1250").doesNotContain("ж", "ы");
    assertThat(new String(pl, SampleDataGenerator.CP1251)).as("Polish export misread as Windows-1251").doesNotContain("ł", "ś");
  }

  @Test
  void plantedBadRowsMatchTheManifest() throws IOException {
    assertBadRows(SampleDataGenerator.RESPONSES_FILE, StandardCharsets.UTF_8, ',', false);
    assertBadRows(SampleDataGenerator.LEGACY_PL_FILE, SampleDataGenerator.CP1250, ';', true);
    assertBadRows(SampleDataGenerator.LEGACY_RU_FILE, SampleDataGenerator.CP1251, ';', true);
    assertThat(manifest.at("/files/responses.csv/bad_rows_total").asInt()).as("bad rows in responses.csv").isEqualTo(23);
  }

  private void assertBadRows(String file, Charset charset, char delimiter, boolean legacy) throws IOException {
    List<List<String>> rows = TinyCsv.read(first.resolve(file), charset, delimiter);
    Map<String, Integer> found = new TreeMap<>();
    for (BadRow kind : BadRow.values()) {
      found.put(kind.id, 0);
    }
    Set<String> seen = new HashSet<>();
    for (List<String> row : rows) {
      String kind = classify(row, seen, legacy);
      if (kind != null) {
        found.merge(kind, 1, Integer::sum);
      }
    }
    JsonNode expected = manifest.path("files").path(file);
    assertThat(expected.path("data_rows").asLong()).as("data rows of %s", file).isEqualTo(rows.size());
    for (Map.Entry<String, Integer> e : found.entrySet()) {
      assertThat(e.getValue()).as("%s rows in %s", e.getKey(), file)
          .isEqualTo(expected.path("bad_rows").path(e.getKey()).asInt(-1));
    }
  }

  /** The rule a row breaks, found from the row alone, or null for a valid row. */
  private static String classify(List<String> row, Set<String> seenIds, boolean legacy) {
    if (row == null) {
      return BadRow.BROKEN_QUOTING.id;
    }
    assertThat(row).as("fields of a parsed row").hasSize(Columns.RESPONSES.size());
    String id = row.get(0);
    if (id.isEmpty()) {
      return BadRow.MISSING_RESPONSE_ID.id;
    }
    int score;
    try {
      score = Integer.parseInt(row.get(9));
    } catch (NumberFormatException e) {
      return BadRow.SCORE_NOT_A_NUMBER.id;
    }
    if (score < 0 || score > 10) {
      return BadRow.SCORE_OUT_OF_RANGE.id;
    }
    if (answerDate(row.get(8), legacy) == null) {
      return BadRow.UNPARSEABLE_SUBMITTED_AT.id;
    }
    if (!crmByCustomer.containsKey(row.get(3))) {
      return BadRow.UNKNOWN_CUSTOMER.id;
    }
    return seenIds.add(id) ? null : BadRow.DUPLICATE_RESPONSE_ID.id;
  }

  private static LocalDate answerDate(String text, boolean legacy) {
    try {
      return legacy ? LocalDateTime.parse(text, Period.LEGACY_LOCAL).toLocalDate()
          : OffsetDateTime.parse(text).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void everyValidAnswerHasACrmRowValidOnItsDateAndItsInteraction() throws IOException {
    Map<String, String> interactionStart = new HashMap<>();
    for (List<String> row : TinyCsv.read(first.resolve(SampleDataGenerator.INTERACTIONS_FILE), StandardCharsets.UTF_8, ',')) {
      assertThat(crmByCustomer).as("customer of interaction %s", row.get(0)).containsKey(row.get(1));
      interactionStart.put(row.get(0), row.get(5));
    }
    assertThat(interactionStart).as("interactions").hasSize(manifest.at("/counts/interactions").asInt());
    checkAnswers(SampleDataGenerator.RESPONSES_FILE, StandardCharsets.UTF_8, ',', false, interactionStart);
    checkAnswers(SampleDataGenerator.LEGACY_PL_FILE, SampleDataGenerator.CP1250, ';', true, interactionStart);
    checkAnswers(SampleDataGenerator.LEGACY_RU_FILE, SampleDataGenerator.CP1251, ';', true, interactionStart);
  }

  private void checkAnswers(String file, Charset charset, char delimiter, boolean legacy,
      Map<String, String> interactionStart) throws IOException {
    Set<String> seen = new HashSet<>();
    int checked = 0;
    for (List<String> row : TinyCsv.read(first.resolve(file), charset, delimiter)) {
      if (classify(row, seen, legacy) != null) {
        continue;
      }
      LocalDate answered = answerDate(row.get(8), legacy);
      assertThat(answered).as("answer date of %s", row.get(0))
          .isBetween(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 10, 31));
      List<String[]> crm = crmByCustomer.get(row.get(3));
      assertThat(crm.stream().filter(r -> validOn(r, answered)).count())
          .as("CRM rows of %s valid on %s (answer %s)", row.get(3), answered, row.get(0)).isEqualTo(1);
      assertThat(LocalDate.parse(crm.get(0)[2])).as("signup of %s", row.get(3)).isBefore(answered);
      String transaction = row.get(11);
      if (row.get(2).equals("transactional")) {
        assertThat(interactionStart).as("interaction of %s", row.get(0)).containsKey(transaction);
        if (!legacy) {
          assertThat(OffsetDateTime.parse(interactionStart.get(transaction)))
              .as("start of %s before answer %s", transaction, row.get(0))
              .isBefore(OffsetDateTime.parse(row.get(8)));
        }
      } else {
        assertThat(transaction).as("transaction of relational answer %s", row.get(0)).isEmpty();
      }
      checked++;
    }
    assertThat(checked).as("valid answers checked in %s", file)
        .isEqualTo(manifest.path("files").path(file).path("valid_rows").asInt());
  }

  private static boolean validOn(String[] validity, LocalDate day) {
    return !LocalDate.parse(validity[0]).isAfter(day)
        && (validity[1].isEmpty() || LocalDate.parse(validity[1]).isAfter(day));
  }

  @Test
  void initiativesFileAndTheirPlantedEffects() throws IOException {
    assertThat(TinyCsv.header(first.resolve(PlantedInitiatives.FILE), StandardCharsets.UTF_8, ','))
        .as("initiatives header").containsExactly(InputSchemas.INITIATIVES.fieldNames());
    List<List<String>> rows = TinyCsv.read(first.resolve(PlantedInitiatives.FILE), StandardCharsets.UTF_8, ',');
    assertThat(rows).as("3 initiatives").hasSize(3);
    assertThat(rows.get(1).get(6)).isEqualTo("touchpoint=purchase;channel=app|web");
    // 2000 responses / 8 per customer = 250 customers; every fifth (index % 5 == 2) is listed.
    List<List<String>> listed = TinyCsv.read(first.resolve(PlantedInitiatives.CALLBACK_LIST_FILE), StandardCharsets.UTF_8, ',');
    assertThat(listed).as("50 customers").hasSize(50);
    assertThat(listed.get(0)).containsExactly(CustomerBase.customerId(2));
    assertThat(manifest.at("/counts/initiative_callback_cohort_customers").asInt()).isEqualTo(50);

    Response purchase = new Response();
    purchase.customer = 3; // not listed
    purchase.channel = Channel.APP;
    purchase.interaction = new Interaction(3, Touchpoint.PURCHASE, Channel.APP, null, 0, -1, 60, true, false);
    purchase.day = PlantedInitiatives.CHECKOUT_START.toEpochDay();
    assertThat(PlantedInitiatives.effect(purchase)).as("checkout on its first day").isEqualTo(-1.5);
    purchase.day -= 1;
    assertThat(PlantedInitiatives.effect(purchase)).as("the day before").isZero();
    purchase.customer = 7; // listed: 7 % 5 == 2, call-back since 3 August
    assertThat(PlantedInitiatives.effect(purchase)).as("call-back cohort, 16 August").isEqualTo(0.7);
    purchase.relational = true;
    purchase.interaction = null;
    assertThat(PlantedInitiatives.effect(purchase)).as("relational answers are not treated").isZero();
  }

  @Test
  void headersAreTheRawInputContract() throws IOException {
    assertThat(TinyCsv.header(first.resolve(SampleDataGenerator.RESPONSES_FILE), StandardCharsets.UTF_8, ','))
        .as("responses header").containsExactly(InputSchemas.RESPONSES.fieldNames());
    assertThat(TinyCsv.header(first.resolve(SampleDataGenerator.LEGACY_RU_FILE), SampleDataGenerator.CP1251, ';'))
        .as("legacy header").containsExactly(InputSchemas.RESPONSES.fieldNames());
    assertThat(TinyCsv.header(first.resolve(SampleDataGenerator.CRM_FILE), StandardCharsets.UTF_8, ','))
        .as("CRM header").containsExactly(InputSchemas.CRM_CUSTOMERS.fieldNames());
    assertThat(TinyCsv.header(first.resolve(SampleDataGenerator.INTERACTIONS_FILE), StandardCharsets.UTF_8, ','))
        .as("interactions header").containsExactly(InputSchemas.INTERACTIONS.fieldNames());
    assertThat(TinyCsv.header(first.resolve(SampleDataGenerator.EMPLOYEES_FILE), StandardCharsets.UTF_8, ','))
        .as("employees header").containsExactly(InputSchemas.EMPLOYEES.fieldNames());
  }

  @Test
  void crmAndEmployeeHistoryMatchTheManifest() throws IOException {
    List<List<String>> crm = TinyCsv.read(first.resolve(SampleDataGenerator.CRM_FILE), StandardCharsets.UTF_8, ',');
    assertThat(crm).as("CRM rows").hasSize(manifest.at("/counts/crm_rows").asInt());
    assertThat(crmByCustomer).as("customers").hasSize(manifest.at("/counts/customers").asInt());
    assertThat(crmByCustomer.values().stream().filter(rows -> rows.size() == 2).count())
        .as("customers with history").isEqualTo(manifest.at("/counts/customers_with_history").asLong());
    assertThat(crmByCustomer.values().stream().allMatch(rows -> rows.stream().filter(r -> r[1].isEmpty()).count() == 1))
        .as("every customer has exactly one open row").isTrue();
    List<List<String>> employees = TinyCsv.read(first.resolve(SampleDataGenerator.EMPLOYEES_FILE), StandardCharsets.UTF_8, ',');
    assertThat(employees).as("employee rows").hasSize(manifest.at("/counts/employee_rows").asInt());
    Set<String> ids = new HashSet<>();
    employees.forEach(e -> ids.add(e.get(0)));
    assertThat(employees.stream().filter(e -> e.get(4).isEmpty()).count()).as("heads without manager").isEqualTo(1);
    assertThat(employees.stream().filter(e -> !e.get(4).isEmpty()).allMatch(e -> ids.contains(e.get(4))))
        .as("every manager is an employee").isTrue();
    assertThat(employees.size() - ids.size()).as("employees who moved")
        .isEqualTo(manifest.at("/counts/employees_moved").asInt());
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
