package org.cxloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cxloop.model.ModelTables;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.junit.jupiter.api.Test;

class ErasureTargetsTest {

  /** Every table cxloop writes: the static TableDef fields of CxTables and ModelTables. */
  static List<TableDef> allTables() throws IllegalAccessException {
    List<TableDef> out = new ArrayList<>();
    for (Class<?> holder : List.of(CxTables.class, ModelTables.class)) {
      for (Field f : holder.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == TableDef.class) {
          out.add((TableDef) f.get(null));
        }
      }
    }
    return out;
  }

  @Test
  void everyTableIsErasedRecomputedCleanedOrSaidToHoldNoCustomerData() throws IllegalAccessException {
    List<String> deleted = ErasureTargets.TABLES.stream().map(ErasureTargets.Target::table).toList();
    List<String> cleaned = ErasureTargets.SAMPLE_COMMENTS.stream().map(ErasureTargets.SampleComments::table).toList();
    List<String> declared = new ArrayList<>(deleted);
    declared.addAll(ErasureTargets.AGGREGATES);
    declared.addAll(cleaned);
    declared.addAll(ErasureTargets.WITHOUT_CUSTOMER_DATA);
    List<TableDef> tables = allTables();
    assertThat(tables).as("tables found").hasSizeGreaterThan(12);
    for (TableDef t : tables) {
      List<String> columns = Arrays.asList(t.schema().fieldNames());
      assertThat(declared).as("%s is in exactly one list of ErasureTargets", t.name())
          .filteredOn(t.name()::equals).hasSize(1);
      if (columns.contains("customer_id") || columns.contains("account_id")) {
        assertThat(ErasureTargets.AGGREGATES.contains(t.name()) || deleted.contains(t.name()))
            .as("%s holds customer or account ids: its rows are deleted or recomputed", t.name()).isTrue();
      }
      for (StructField f : t.schema().fields()) {
        boolean commentText = f.name().contains("comment") && (f.dataType().equals(DataTypes.StringType)
            || f.dataType().equals(DataTypes.createArrayType(DataTypes.StringType, true)));
        if (commentText) {
          assertThat(deleted.contains(t.name()) || ErasureTargets.SAMPLE_COMMENTS.contains(
              new ErasureTargets.SampleComments(t.name(), f.name())))
              .as("%s.%s holds comment text: its rows are deleted or the column is cleaned", t.name(), f.name()).isTrue();
        }
      }
    }
    assertThat(ErasureTargets.AGGREGATES).as("account_id is the customer id for consumers")
        .contains(CxTables.ACCOUNT_NPS.name());
    // The quarantine keeps raw input rows: the id is inside raw_record, not in a column.
    assertThat(deleted).contains(CxTables.QUARANTINE.name());
  }

  @Test
  void rawTextMatchesTheIdAsAWholeTokenOnly() {
    Pattern p = Pattern.compile(ErasureTargets.tokenRegex(List.of("C1", "A.B")));
    assertThat(p.matcher("{\"customer_id\":\"C1\",\"x\":1}").find()).isTrue();
    assertThat(p.matcher("R9,S1,transactional,C1,,,web").find()).isTrue();
    assertThat(p.matcher("contact C1-K7 of the account").find()).as("B2B contact id built on the customer id").isTrue();
    assertThat(p.matcher("{\"customer_id\":\"C10\"}").find()).as("another customer").isFalse();
    assertThat(p.matcher("XC1").find()).isFalse();
    assertThat(p.matcher("AxB").find()).as("ids are quoted, not regexes").isFalse();
  }
}
