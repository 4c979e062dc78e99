package org.cxloop.jobs;

/** Entry point of the jar: dispatches to a job by its sub-command name. */
public final class Cli {
  private Cli() {}

  public static void main(String[] args) {
    System.out.println("cxloop");
  }
}
