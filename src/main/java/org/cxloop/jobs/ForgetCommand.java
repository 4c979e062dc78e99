package org.cxloop.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.privacy.ForgetJob;

/** {@code cxloop forget --customer-id ID | --ids-file FILE}: the command line of {@link ForgetJob}. */
final class ForgetCommand {

  private ForgetCommand() {}

  static Options options() {
    Options o = Cli.commonOptions();
    o.addOption(Option.builder().longOpt("customer-id").hasArg().argName("ID")
        .desc("customer to erase; repeatable").build());
    o.addOption(Option.builder().longOpt("ids-file").hasArg().argName("FILE")
        .desc("file with one customer id per line (blank lines and lines starting with # are skipped)").build());
    o.addOption(Option.builder().longOpt("request-id").hasArg().argName("ID")
        .desc("id of the erasure request, e.g. the ticket number (default: generated)").build());
    return o;
  }

  static int run(String[] args) {
    Options options = options();
    CommandLine cl = Cli.parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop forget (--customer-id ID ... | --ids-file FILE) [--request-id ID]",
          "Deletes the customers from every table cxloop writes, removes their comments from sample comments and "
              + "run reports, recomputes the aggregate cells they were in, VACUUMs, and records the request in "
              + "erasure_log (without the ids).\n\n",
          options, "\nExample: jobs/cxloop-forget --customer-id C0000029 --request-id GDPR-2026-114");
      return 0;
    }
    CxConfig conf = Cli.config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      return 0;
    }
    List<String> ids = new ArrayList<>();
    if (cl.getOptionValues("customer-id") != null) {
      ids.addAll(List.of(cl.getOptionValues("customer-id")));
    }
    if (cl.hasOption("ids-file")) {
      Path file = Path.of(cl.getOptionValue("ids-file"));
      try {
        Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(ids::add);
      } catch (IOException e) {
        throw CxErrors.erasureSubjectsMissing("the ids file '" + file + "' cannot be read ("
            + CxErrors.rootMessage(e) + ")");
      }
    }
    if (ids.isEmpty()) {
      throw CxErrors.erasureSubjectsMissing("no --customer-id and no id in --ids-file");
    }
    String requestId = cl.hasOption("request-id") ? cl.getOptionValue("request-id") : "erasure-" + RunIds.next();
    SparkSession spark = Cli.session("cxloop forget " + requestId);
    ForgetJob.Result r = ForgetJob.run(spark, new ForgetJob.Config(conf, ids, requestId));
    // The ids are not printed: the terminal output ends up in scheduler logs.
    System.out.println("cxloop forget " + r.requestId() + ": erased " + ids.size() + " customer(s); rows deleted "
        + r.rowsDeleted() + "; " + r.npsCellsRecomputed() + " aggregate rows recomputed; VACUUM retention "
        + r.retentionHours() + " h (files un-referenced now are removed by the first VACUUM after that).");
    spark.stop();
    return 0;
  }
}
