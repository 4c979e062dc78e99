package org.cxloop.samples;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fake personal and company data. Russian names are written in the Polish transliteration a
 * Polish CRM uses (Siergiej Iwanow); e-mails use example.* domains only.
 */
final class FakeNames {

  private FakeNames() {}

  private static final String[] PL_MEN = {"Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz",
      "Paweł", "Michał", "Marcin", "Łukasz", "Grzegorz", "Jakub", "Mateusz", "Wojciech", "Adam",
      "Kamil", "Rafał", "Bartosz", "Szymon", "Zbigniew", "Dariusz"};
  private static final String[] PL_WOMEN = {"Anna", "Maria", "Katarzyna", "Małgorzata",
      "Agnieszka", "Barbara", "Ewa", "Magdalena", "Joanna", "Aleksandra", "Zofia", "Monika",
      "Natalia", "Karolina", "Justyna", "Dorota", "Beata", "Weronika", "Julia", "Halina"};
  /** Male forms; -ski/-cki/-dzki become -ska/-cka/-dzka for women, the others do not change. */
  private static final String[] PL_SURNAMES = {"Nowak", "Kowalski", "Wiśniewski", "Wójcik",
      "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski",
      "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski",
      "Nowakowski", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
      "Nowicki", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski", "Adamczyk",
      "Dudek", "Zając", "Pietrzak", "Górski", "Sikora", "Walczak", "Baran", "Szewczyk",
      "Ostrowski", "Rutkowski", "Michalak", "Chmielewski", "Sadowski", "Wilk", "Borkowski",
      "Czarnecki", "Zawadzki", "Sokołowski"};
  private static final String[] RU_MEN = {"Siergiej", "Aleksandr", "Dmitrij", "Andriej",
      "Aleksiej", "Michaił", "Iwan", "Nikołaj", "Władimir", "Paweł", "Oleg", "Jurij", "Igor",
      "Maksim", "Artiom"};
  private static final String[] RU_WOMEN = {"Olga", "Tatiana", "Natalia", "Jelena", "Irina",
      "Swietłana", "Anna", "Marina", "Jekatierina", "Julia", "Ludmiła", "Anastazja", "Daria",
      "Galina", "Walentina"};
  /** Male forms; -ow/-ew/-in take -a for women. */
  private static final String[] RU_SURNAMES = {"Iwanow", "Smirnow", "Kuzniecow", "Popow",
      "Wasiljew", "Pietrow", "Sokołow", "Michajłow", "Nowikow", "Fiodorow", "Morozow", "Wołkow",
      "Aleksiejew", "Lebiediew", "Siemionow", "Jegorow", "Pawłow", "Kozłow", "Stiepanow",
      "Nikołajew", "Orłow", "Andriejew", "Makarow", "Zacharow", "Borisow", "Romanow", "Kisielow",
      "Biełow", "Tarasow", "Bielajew", "Gusiew", "Titow", "Kuźmin", "Ilin", "Karpow"};
  private static final String[] EN_FIRST = {"James", "John", "Robert", "Michael", "David",
      "William", "Richard", "Thomas", "Daniel", "Matthew", "Mary", "Patricia", "Jennifer",
      "Linda", "Elizabeth", "Susan", "Sarah", "Emma", "Olivia", "Sophie", "Liam", "Noah", "Oliver",
      "Charlotte", "Amelia", "Grace", "Jack", "Harry", "Emily", "Chloe"};
  private static final String[] EN_SURNAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones",
      "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Jackson",
      "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King",
      "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "O'Brien", "Murphy",
      "Kelly", "Evans", "Hughes"};
  private static final String[] COMPANY_STEMS = {"Baltic", "Vistula", "Mazovia", "Karpaty",
      "Polmex", "Interbud", "Transpol", "Nordwind", "Amber", "Silesia", "Orion", "Termex",
      "Hydropol", "Agromax", "Elektrobud", "Pomorze", "Sudety", "Warta", "Odra", "Tatra",
      "Kruk", "Sokół", "Żubr", "Dębina", "Wawel", "Novatek", "Cyfrovia", "Logistis", "Medikor",
      "Budrem"};
  private static final String[] COMPANY_KINDS = {"Logistics", "Tech", "Trade", "Serwis",
      "Consulting", "Systems", "Bud", "Med", "Foods", "Energy", "Software", "Druk", "Auto",
      "Meble", "Solutions"};
  private static final String[] SMALL_FORMS = {"s.c.", "sp.j.", "sp. z o.o.", ""};
  private static final String[] CORPORATE_FORMS = {"S.A.", "sp. z o.o.", "Polska sp. z o.o.",
      "Group S.A."};
  private static final String[] MAIL_DOMAINS = {"example.pl", "example.com", "example.org",
      "example.net"};

  /** A person's full name in the customer's language. */
  static String person(SplittableRandom rng, Language language) {
    boolean woman = rng.nextBoolean();
    switch (language) {
      case PL:
        return Rand.pick(rng, woman ? PL_WOMEN : PL_MEN) + " "
            + polishSurname(Rand.pick(rng, PL_SURNAMES), woman);
      case RU:
        return Rand.pick(rng, woman ? RU_WOMEN : RU_MEN) + " "
            + russianSurname(Rand.pick(rng, RU_SURNAMES), woman);
      default:
        return Rand.pick(rng, EN_FIRST) + " " + Rand.pick(rng, EN_SURNAMES);
    }
  }

  static String company(SplittableRandom rng, Segment segment) {
    String form = Rand.pick(rng, segment == Segment.CORPORATE ? CORPORATE_FORMS : SMALL_FORMS);
    String name = Rand.pick(rng, COMPANY_STEMS) + " " + Rand.pick(rng, COMPANY_KINDS);
    return form.isEmpty() ? name : name + " " + form;
  }

  static String personalEmail(SplittableRandom rng, String fullName) {
    String local = ascii(fullName).replace(' ', rng.nextBoolean() ? '.' : '_');
    if (rng.nextBoolean()) {
      local += rng.nextInt(100);
    }
    return local + "@" + Rand.pick(rng, MAIL_DOMAINS);
  }

  static String companyEmail(SplittableRandom rng, String companyName) {
    String stem = ascii(companyName.split(" ")[0]);
    String box = Rand.pick(rng, new String[] {"biuro", "kontakt", "zakupy", "office"});
    return box + "@" + stem + ".example.pl";
  }

  /** Polish mobile numbers start with 4-8 in the first digit after +48. */
  static String phone(SplittableRandom rng) {
    return String.format(Locale.ROOT, "+48 %d%02d %03d %03d", 4 + rng.nextInt(5), rng.nextInt(100),
        rng.nextInt(1000), rng.nextInt(1000));
  }

  private static String polishSurname(String male, boolean woman) {
    if (woman && male.endsWith("ki")) {
      return male.substring(0, male.length() - 1) + "a";
    }
    return male;
  }

  private static String russianSurname(String male, boolean woman) {
    if (woman && (male.endsWith("ow") || male.endsWith("ew") || male.endsWith("in"))) {
      return male + "a";
    }
    return male;
  }

  /** Lower-case ASCII for mail boxes: Łukasz Wójcik -> lukasz wojcik. */
  static String ascii(String text) {
    String s = text.toLowerCase(Locale.ROOT).replace('ł', 'l').replace("'", "");
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }
}
