package org.cxloop.jobs;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.config.CxConfig;

/**
 * A separate JVM for CatalogSecondJvmTest: opens a session on the catalog of the warehouse given
 * as the first argument, exactly as the jobs do, and prints every row of each SQL statement that
 * follows as "|"-separated values, one statement's rows after a "== sql" line.
 */
public final class CatalogProbe {
  private CatalogProbe() {}

  public static void main(String[] args) {
    CxConfig conf = CxConfig.load(null, Map.of("warehouse.dir", args[0]));
    SparkSession spark = Cli.session("cxloop catalog probe", conf, true);
    for (int i = 1; i < args.length; i++) {
      System.out.println("== " + args[i]);
      for (Row r : spark.sql(args[i]).collectAsList()) { // tiny answers: counts and table names
        System.out.println(r.mkString("|"));
      }
    }
    spark.stop();
    System.exit(0);
  }
}
