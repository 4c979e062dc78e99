package org.cxloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.junit.jupiter.api.Test;

class ErasureTargetsTest {

  @Test
  void everyTableWithACustomerIdIsErasedOrRecomputed() throws IllegalAccessException {
    List<String> withCustomer = new ArrayList<>();
    for (Field f : CxTables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == TableDef.class) {
        TableDef t = (TableDef) f.get(null);
        if (Arrays.asList(t.schema().fieldNames()).contains("customer_id")) {
          withCustomer.add(t.name());
        }
      }
    }
    List<String> covered = new ArrayList<>(ErasureTargets.AGGREGATES);
    ErasureTargets.TABLES.forEach(t -> covered.add(t.table()));
    assertThat(withCustomer).as("tables with a customer_id column").contains("responses_enriched");
    assertThat(covered).as("add new tables with customer rows to ErasureTargets.TABLES").containsAll(withCustomer);
    // The quarantine keeps raw input rows: the id is inside raw_record, not in a column.
    assertThat(covered).contains(CxTables.QUARANTINE.name());
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
