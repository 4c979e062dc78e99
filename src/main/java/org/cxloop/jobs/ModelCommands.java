package org.cxloop.jobs;

import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.model.ModelTrainer;
import org.cxloop.model.TextModel;

/** Command lines of the model sub-commands (train, evaluate, themes); {@link Cli} dispatches here. */
final class ModelCommands {

  static final long DEFAULT_SEED = 42;

  private ModelCommands() {}

  static Options trainOptions() {
    Options o = Cli.commonOptions();
    o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE[,FILE]")
        .desc("labelled CSV(s) id,lang,text,sentiment,category (default: the shipped data-samples/labelled/*.csv); repeatable").build());
    o.addOption(Option.builder().longOpt("weak-labels")
        .desc("train on weak labels from responses_enriched instead: score band for sentiment, unambiguous keyword category").build());
    o.addOption(Option.builder().longOpt("approve").desc("approve the new versions: the next nightly run scores with them").build());
    o.addOption(Option.builder().longOpt("layout").hasArg().argName("auto|joint|per_language")
        .desc("auto (default): train both, keep the better on the held-out rows").build());
    o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the split and the tuning (default 42)").build());
    return o;
  }

  static int train(String[] args) {
    Options options = trainOptions();
    CommandLine cl = Cli.parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop train [--labels FILE | --weak-labels] [--approve] [--conf FILE] [--set k=v ...]",
          "Trains the sentiment and category models, measures keyword / ml / combined on a held-out split, "
              + "and registers both as new versions under <warehouse>/models/.\n\n",
          options, "\nExamples:\n  jobs/cxloop-train --approve\n"
              + "  jobs/cxloop-train --labels my_labels.csv --layout joint\n"
              + "  jobs/cxloop-train --weak-labels   (after a nightly run)");
      return 0;
    }
    CxConfig conf = Cli.config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      return 0;
    }
    if (cl.hasOption("weak-labels") && cl.hasOption("labels")) {
      throw CxErrors.badCommandLine("--labels and --weak-labels exclude each other");
    }
    String layout = cl.getOptionValue("layout", "auto");
    List<String> layouts = switch (layout) {
      case "auto" -> List.of(TextModel.JOINT, TextModel.PER_LANGUAGE);
      case TextModel.JOINT, TextModel.PER_LANGUAGE -> List.of(layout);
      default -> throw CxErrors.badCommandLine("--layout must be auto, joint or per_language, got '" + layout + "'");
    };
    ModelTrainer.Settings d = ModelTrainer.Settings.defaults(seed(cl));
    ModelTrainer.Settings settings = new ModelTrainer.Settings(d.seed(), d.regParams(), d.maxIter(), layouts);
    SparkSession spark = Cli.session("cxloop train");
    TrainJob.Result r = TrainJob.run(spark, new TrainJob.Config(conf, TrainJob.files(cl.getOptionValues("labels")),
        cl.hasOption("weak-labels"), cl.hasOption("approve"), settings));
    System.out.print(TrainJob.summary(r, conf.warehouse()));
    if (!cl.hasOption("approve")) {
      System.out.println("Not approved: the nightly run keeps its current models. Approve with --approve on the next "
          + "training, or pin these with --set model.sentiment.version=" + r.versions().get("sentiment")
          + " --set model.category.version=" + r.versions().get("category"));
    }
    spark.stop();
    return 0;
  }

  static Options evaluateOptions() {
    Options o = Cli.commonOptions();
    o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE[,FILE]")
        .desc("labelled CSV(s): UTF-8, header id,lang,text,sentiment[,category]; repeatable (default: the shipped set)").build());
    o.addOption(Option.builder().longOpt("held-out")
        .desc("score only the rows training held out (same split: same ids and --seed)").build());
    o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the split (default 42)").build());
    o.addOption(Option.builder().longOpt("repeat").hasArg().argName("N")
        .desc("for the throughput figure, score the file N times over (default 20)").build());
    o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE.json").desc("also write the results as JSON").build());
    return o;
  }

  static int evaluate(String[] args) {
    Options options = evaluateOptions();
    CommandLine cl = Cli.parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop evaluate [--labels FILE] [--held-out] [--out FILE.json] [--conf FILE] [--set k=v ...]",
          "Scores labelled comments with the keyword model, the configured trained models (model.*.version) and the "
              + "combined label; prints accuracy and macro-F1 per language and model, and comments per second.\n\n",
          options, "\nExamples:\n  jobs/cxloop-evaluate --labels data-samples/labelled/labelled_comments_pl.csv\n"
              + "  jobs/cxloop-evaluate --held-out --out target/evaluation.json\n"
              + "  jobs/cxloop-evaluate --labels my_labels.csv --set model.sentiment.version=3");
      return 0;
    }
    CxConfig conf = Cli.config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      return 0;
    }
    int repeat = positive(cl.getOptionValue("repeat", "20"), "--repeat");
    EvaluateJob.Config c = new EvaluateJob.Config(conf, TrainJob.files(cl.getOptionValues("labels")),
        cl.hasOption("held-out"), seed(cl), repeat, cl.getOptionValue("out"));
    SparkSession spark = Cli.session("cxloop evaluate");
    EvaluateJob.Result r = EvaluateJob.run(spark, c);
    System.out.print(EvaluateJob.summary(c, r));
    if (c.jsonOut() != null) {
      System.out.println("Written: " + c.jsonOut());
    }
    spark.stop();
    return 0;
  }

  static Options themesOptions() {
    Options o = Cli.commonOptions();
    o.addOption(Option.builder().longOpt("week").hasArg().argName("YYYY-MM-DD")
        .desc("any day of the ISO week to analyse (default: the last complete week in business.timezone)").build());
    return o;
  }

  static int themes(String[] args) {
    Options options = themesOptions();
    CommandLine cl = Cli.parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop themes [--week YYYY-MM-DD] [--conf FILE] [--set k=v ...]",
          "Weekly (run it on Mondays after the nightly run): clusters the comments neither model could place, "
              + "per language, and writes emerging_themes with their growth against the four weeks before.\n\n",
          options, "\nExamples:\n  jobs/cxloop-themes\n  jobs/cxloop-themes --week 2026-08-10");
      return 0;
    }
    CxConfig conf = Cli.config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      return 0;
    }
    java.time.LocalDate day = cl.hasOption("week") ? Cli.date(cl.getOptionValue("week"), "--week")
        : java.time.LocalDate.now(java.time.ZoneId.of(conf.get(org.cxloop.config.Keys.BUSINESS_TIMEZONE))).minusWeeks(1);
    java.time.LocalDate monday = org.cxloop.model.EmergingThemes.weekStart(day);
    SparkSession spark = Cli.session("cxloop themes " + monday);
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> themes = ThemesJob.run(spark, new ThemesJob.Config(conf, monday));
    System.out.println("cxloop themes: week of " + monday + " (unplaced comments: no category or category confidence "
        + "below model.combine.review_below)");
    themes.orderBy(org.apache.spark.sql.functions.col("growing").desc(), org.apache.spark.sql.functions.col("language"),
        org.apache.spark.sql.functions.col("comments_this_week").desc())
        .select("language", "theme_id", "top_terms", "comments_this_week", "weekly_mean_prev_4_weeks", "growth_p_value", "growing")
        .show(100, 80);
    System.out.println("Table: " + org.cxloop.model.ModelTables.EMERGING_THEMES.path(conf.warehouse()));
    spark.stop();
    return 0;
  }

  private static long seed(CommandLine cl) {
    String v = cl.getOptionValue("seed", Long.toString(DEFAULT_SEED));
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw CxErrors.badCommandLine("--seed must be a whole number, got '" + v + "'");
    }
  }

  static int positive(String v, String option) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CxErrors.badCommandLine(option + " must be a whole number >= 1, got '" + v + "'");
  }
}
