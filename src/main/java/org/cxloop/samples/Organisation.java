package org.cxloop.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Employees with history: head of CX, department heads, team leaders and agents, about 5% of
 * agents moving to another team of their department during the period.
 *
 * <p>Everyone is hired before the period starts, so any agent can serve on any day of it; a
 * team leader manages the team and also takes calls when the team has no agent that day.
 */
final class Organisation {

  /** The team planted to be clearly worse than the other customer-service teams. */
  static final Team WORST_TEAM = Team.CS_KATOWICE;

  static final String HEAD_TEAM = "cx_leadership";
  static final String HEAD_DEPARTMENT = "cx_management";
  static final int MIN_EMPLOYEES = 1 + Team.DEPARTMENTS.length + Team.values().length * 2;
  private static final double MOVER_SHARE = 0.05;
  private static final long OPEN = Long.MAX_VALUE;

  /** One validity interval of one employee; {@code validTo} is exclusive, OPEN when current. */
  record Row(int employee, String team, String department, int manager, long validFrom,
      long validTo) {
    boolean validOn(long day) {
      return validFrom <= day && day < validTo;
    }
  }

  private final List<String> names = new ArrayList<>();
  private final List<List<Row>> history = new ArrayList<>();
  private final Map<Team, List<Row>> agentRowsByTeam = new EnumMap<>(Team.class);
  private final Map<Team, Integer> leaders = new EnumMap<>(Team.class);
  private final int star;
  private int movers;

  private Organisation(int headcount, Period period, SplittableRandom rng) {
    long hiredBy = period.firstDay() - 30;
    int head = hire(rng, HEAD_TEAM, HEAD_DEPARTMENT, -1, hiredBy);
    Map<String, Integer> departmentHeads = new TreeMap<>();
    for (String department : Team.DEPARTMENTS) {
      departmentHeads.put(department, hire(rng, department + "_management", department, head, hiredBy));
    }
    for (Team team : Team.values()) {
      leaders.put(team, hire(rng, team.id, team.department, departmentHeads.get(team.department), hiredBy));
      agentRowsByTeam.put(team, new ArrayList<>());
    }
    List<Integer> agents = new ArrayList<>();
    int[] perTeam = agentsPerTeam(headcount - names.size());
    for (Team team : Team.values()) {
      for (int i = 0; i < perTeam[team.ordinal()]; i++) {
        agents.add(hire(rng, team.id, team.department, leaders.get(team), hiredBy));
      }
    }
    // The first Warsaw agent is the planted star; stars are kept in place so the signal stays clean.
    star = agents.stream().filter(a -> history.get(a).get(0).team().equals(Team.CS_WARSZAWA.id))
        .findFirst().orElseThrow();
    moveSomeAgents(agents, period, rng);
    for (List<Row> rows : history) {
      for (Row row : rows) {
        Team team = teamOf(row.team());
        if (team != null && row.employee() != leaders.get(team)) {
          agentRowsByTeam.get(team).add(row);
        }
      }
    }
  }

  static Organisation build(int headcount, Period period, SplittableRandom rng) {
    return new Organisation(Math.max(headcount, MIN_EMPLOYEES), period, rng);
  }

  private int hire(SplittableRandom rng, String team, String department, int manager, long hiredBy) {
    int id = names.size();
    names.add(FakeNames.person(rng, rng.nextInt(10) < 9 ? Language.PL : Language.RU));
    long hired = hiredBy - rng.nextInt(6 * 365);
    List<Row> rows = new ArrayList<>(1);
    rows.add(new Row(id, team, department, manager, hired, OPEN));
    history.add(rows);
    return id;
  }

  /** Largest-remainder split of the agents by team weight, at least one agent per team. */
  private static int[] agentsPerTeam(int agents) {
    Team[] teams = Team.values();
    double total = 0;
    for (Team t : teams) {
      total += t.headcountWeight;
    }
    int[] counts = new int[teams.length];
    int left = agents;
    for (Team t : teams) {
      counts[t.ordinal()] = Math.max(1, (int) Math.floor(agents * t.headcountWeight / total));
      left -= counts[t.ordinal()];
    }
    for (int i = 0; left > 0; i = (i + 1) % teams.length, left--) {
      counts[i]++;
    }
    return counts;
  }

  private void moveSomeAgents(List<Integer> agents, Period period, SplittableRandom rng) {
    List<Integer> candidates = new ArrayList<>(agents);
    candidates.remove(Integer.valueOf(star));
    for (int i = candidates.size() - 1; i > 0; i--) { // Fisher-Yates: a seeded, fixed order
      int j = rng.nextInt(i + 1);
      candidates.set(i, candidates.set(j, candidates.get(i)));
    }
    movers = Math.max(1, (int) Math.round(agents.size() * MOVER_SHARE));
    long margin = Math.min(30, period.days() / 4);
    for (int employee : candidates.subList(0, movers)) {
      Row before = history.get(employee).get(0);
      Team from = teamOf(before.team());
      List<Team> others = new ArrayList<>();
      for (Team t : Team.values()) {
        if (t != from && t.department.equals(from.department)) {
          others.add(t);
        }
      }
      Team to = Rand.pick(rng, others);
      long moved = period.firstDay() + margin + rng.nextInt((int) Math.max(1, period.days() - 2 * margin));
      history.get(employee).set(0, new Row(employee, before.team(), before.department(),
          before.manager(), before.validFrom(), moved));
      history.get(employee).add(new Row(employee, to.id, to.department, leaders.get(to), moved, OPEN));
    }
  }

  private static Team teamOf(String id) {
    for (Team t : Team.values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    return null;
  }

  /**
   * An agent of one of the teams on that day: a random row of the teams, retried when that row is
   * not valid on the day (the agent had moved away); the team leader steps in if none is found.
   */
  Row pickAgent(SplittableRandom rng, long day, Team... teams) {
    for (int attempt = 0; attempt < 20; attempt++) {
      List<Row> rows = agentRowsByTeam.get(teams[rng.nextInt(teams.length)]);
      Row row = rows.isEmpty() ? null : rows.get(rng.nextInt(rows.size()));
      if (row != null && row.validOn(day)) {
        return row;
      }
    }
    return history.get(leaders.get(teams[0])).get(0);
  }

  static boolean isWorstTeam(Row row) {
    return row.team().equals(WORST_TEAM.id);
  }

  boolean isStar(Row row) {
    return row.employee() == star;
  }

  String starId() {
    return employeeId(star);
  }

  static String employeeId(int employee) {
    return Rand.id("E", employee + 1, 5);
  }

  int employees() {
    return names.size();
  }

  int movers() {
    return movers;
  }

  long rows() {
    return history.stream().mapToLong(List::size).sum();
  }

  void write(Path file) throws IOException {
    try (CsvWriter out = CsvWriter.utf8(file, Columns.EMPLOYEES)) {
      for (List<Row> rows : history) {
        for (Row r : rows) {
          out.writeRow(employeeId(r.employee()), names.get(r.employee()), r.team(), r.department(),
              r.manager() < 0 ? "" : employeeId(r.manager()), Period.date(r.validFrom()),
              r.validTo() == OPEN ? "" : Period.date(r.validTo()));
        }
      }
    }
  }
}
