package org.cxloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxException;
import org.cxloop.testing.SharedSpark;
import org.cxloop.text.KeywordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled CSV files read by their header, and the training-data checksum, on tiny files. */
class LabelledDataTest {

  private static final SparkSession SPARK = SharedSpark.get();
  private static final KeywordModel KEYWORDS = KeywordModel.load(Path.of("conf/text"));

  @TempDir Path dir;

  private String write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f.toString();
  }

  @Test
  void fourAndFiveColumnFilesReadByTheirHeader() throws IOException {
    String four = write("four.csv", """
        id,lang,text,sentiment
        en-1,en,The courier was late and rude,negative
        en-2,en,"Great service, very helpful staff",positive
        """);
    String five = write("five.csv", """
        id,lang,text,sentiment,category
        pl-1,pl,"Kurier spóźniony, paczka zniszczona",negative,delivery
        pl-2,pl,Bardzo miła obsługa,positive,
        """);
    // The same columns in another order, with the byte-order mark a spreadsheet export writes.
    String reordered = write("reordered.csv", "\uFEFFtext,sentiment,id,lang,category\n"
        + "\"Za drogo, ceny za wysokie\",negative,pl-3,pl,price_fees\n");

    List<Row> rows = LabelledData.readCsv(SPARK, List.of(four, five, reordered), KEYWORDS).orderBy("id")
        .select("id", "lang", "text", "sentiment", "category").collectAsList();

    assertThat(rows).as("2 + 2 + 1 rows").hasSize(5);
    assertThat(rows.get(0).toString()).isEqualTo("[en-1,en,The courier was late and rude,negative,null]");
    assertThat(rows.get(1).toString()).as("no category column: category is null")
        .isEqualTo("[en-2,en,Great service, very helpful staff,positive,null]");
    assertThat(rows.get(2).toString()).isEqualTo("[pl-1,pl,Kurier spóźniony, paczka zniszczona,negative,delivery]");
    assertThat(rows.get(3).toString()).as("empty category").isEqualTo("[pl-2,pl,Bardzo miła obsługa,positive,null]");
    assertThat(rows.get(4).toString()).as("columns taken by name, not position")
        .isEqualTo("[pl-3,pl,Za drogo, ceny za wysokie,negative,price_fees]");
  }

  @Test
  void aHeaderWithoutARequiredColumnOrWithAnUnknownOneIsRefused() throws IOException {
    String noSentiment = write("no-sentiment.csv", "id,lang,text,category\nen-1,en,Late again,delivery\n");
    assertThatThrownBy(() -> LabelledData.readCsv(SPARK, List.of(noSentiment), KEYWORDS))
        .isInstanceOf(CxException.class)
        .hasMessageStartingWith("Cannot read labelled comments from '" + noSentiment + "'")
        .hasMessageContaining("the header is 'id,lang,text,category', it lacks sentiment");
    String typo = write("typo.csv", "id,lang,text,sentiment,categroy\nen-1,en,Late again,negative,delivery\n");
    assertThatThrownBy(() -> LabelledData.readCsv(SPARK, List.of(typo), KEYWORDS))
        .isInstanceOf(CxException.class)
        .hasMessageContaining("categroy is not one of the columns");
  }

  @Test
  void aRowWithMoreFieldsThanItsHeaderFails() throws IOException {
    String extra = write("extra.csv", "id,lang,text,sentiment\nen-1,en,Late, again,negative\n");
    assertThatThrownBy(() -> LabelledData.readCsv(SPARK, List.of(extra), KEYWORDS))
        .as("FAILFAST: an unquoted comma shifts the fields")
        .isInstanceOf(CxException.class)
        .hasMessageStartingWith("Cannot read labelled comments from '" + extra + "'");
  }

  private static String sha256(byte[]... parts) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (byte[] p : parts) {
      d.update(p);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  @Test
  void theChecksumIsTheSha256OfTheFilesBytesInOrder() throws Exception {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    String abc = write("abc.txt", "abc");
    assertThat(LabelledData.sha256(SPARK, List.of(abc)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    String a = write("a.csv", "id,lang,text,sentiment\nen-1,en,Late,negative\n");
    String b = write("b.csv", "id,lang,text,sentiment\nen-2,en,Fine,neutral\n");
    byte[] bytesA = Files.readAllBytes(Path.of(a));
    byte[] bytesB = Files.readAllBytes(Path.of(b));
    assertThat(LabelledData.sha256(SPARK, List.of(a, b))).as("a's bytes, then b's").isEqualTo(sha256(bytesA, bytesB));
    assertThat(LabelledData.sha256(SPARK, List.of(b, a))).as("order matters").isEqualTo(sha256(bytesB, bytesA))
        .isNotEqualTo(sha256(bytesA, bytesB));
  }

  private List<Path> parquetFiles(Path table) throws IOException {
    try (Stream<Path> s = Files.walk(table)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  @Test
  void weakLabelsAreCheckedOverTheDataFilesOfTheVersionTheyCameFrom() throws Exception {
    Path table = dir.resolve("responses_enriched");
    SPARK.sql("SELECT 'R1' AS response_id, 3 AS score UNION ALL SELECT 'R2', 9").coalesce(1)
        .write().format("delta").save(table.toString());
    List<Path> v0 = parquetFiles(table);
    assertThat(v0).as("one file written at version 0").hasSize(1);
    SPARK.sql("SELECT 'R3' AS response_id, 10 AS score").coalesce(1)
        .write().format("delta").mode("append").save(table.toString());

    List<String> filesV0 = LabelledData.snapshotFiles(SPARK, table.toString(), 0);
    assertThat(filesV0).hasSize(1);
    assertThat(filesV0.get(0)).endsWith(v0.get(0).getFileName().toString());
    assertThat(LabelledData.sha256(SPARK, filesV0)).isEqualTo(sha256(Files.readAllBytes(v0.get(0))));

    List<Path> both = parquetFiles(table);
    List<String> filesV1 = LabelledData.snapshotFiles(SPARK, table.toString(), 1);
    assertThat(filesV1).as("version 1 adds a file").hasSize(2);
    assertThat(LabelledData.sha256(SPARK, filesV1)).as("both files, in path order")
        .isEqualTo(sha256(Files.readAllBytes(both.get(0)), Files.readAllBytes(both.get(1))));
  }
}
