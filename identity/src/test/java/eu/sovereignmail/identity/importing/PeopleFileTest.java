package eu.sovereignmail.identity.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeopleFileTest {
  private static PeopleFile parse(String text) throws IOException {
    return PeopleFile.parse(new StringReader(text));
  }

  @Test
  void readsEveryColumnWithDefaults() throws IOException {
    PeopleFile file = parse("""
        Email,First Name,Last_Name,aliases,quota,groups
        Ana.Lopez@Example.EU,Ana,López,ana@example.eu; a.lopez@example.eu,2G,staff;/teams/legal
        bo@example.eu,Bo,Berg,,,
        """);

    assertThat(file.errors()).isEmpty();
    assertThat(file.people()).containsExactly(
        new Person(2, "ana.lopez@example.eu", "ana.lopez@example.eu", "Ana", "López",
            List.of("ana@example.eu", "a.lopez@example.eu"), Optional.of(2L << 30), List.of("/staff", "/teams/legal")),
        new Person(3, "bo@example.eu", "bo@example.eu", "Bo", "Berg", List.of(), Optional.empty(), List.of()));
  }

  @Test
  void rfc4180QuotingCommasQuotesAndLineBreaks() throws IOException {
    PeopleFile file = parse("\uFEFFemail,first name,last name,username\r\n"
        + "\"cy@example.eu\",\"Cy, Jr.\",\"O\"\"Brien\",cy\r\n"
        + "dee@example.eu,\"Dee\nAnn\",Doe,\r\n"
        + "\r\n"
        + "eve@example.eu,Eve,\"Evans\",\r\n");

    assertThat(file.people()).extracting(Person::line, Person::firstName, Person::lastName, Person::username)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "Cy, Jr.", "O'Brien".replace("'", "\""), "cy"),
            org.assertj.core.groups.Tuple.tuple(6, "Eve", "Evans", "eve@example.eu"));
    // a line break inside a quoted name is a control character: refused, and the next record's line is still right
    assertThat(file.errors()).containsExactly(new RowError(3, "first name is longer than 255 characters or holds control characters"));
  }

  @Test
  void badRowsAreReportedWithTheirLineNumbersAndTheRestIsKept() throws IOException {
    PeopleFile file = parse("""
        email,first name,last name,aliases,quota,groups
        good1@example.eu,Good,One,,,
        not-an-address,Bad,Email,,,
        good2@example.eu,,Two,,,
        good3@example.eu,Good,Three,,lots,
        good4@example.eu,Good,Four
        "open@example.eu,Never,Closed,,,
        """);

    assertThat(file.people()).extracting(Person::email).containsExactly("good1@example.eu");
    assertThat(file.errors()).extracting(RowError::line).containsExactly(3, 4, 5, 6, 7);
    assertThat(file.errors().get(0).message()).isEqualTo("email \"not-an-address\" is not a mail address");
    assertThat(file.errors().get(1).message()).isEqualTo("first name is empty");
    assertThat(file.errors().get(2).message()).contains("quota \"lots\"");
    assertThat(file.errors().get(3).message()).isEqualTo("3 fields, the header has 6");
    assertThat(file.errors().get(4).message()).contains("never closed");
    assertThat(file.errors().get(4).toString()).startsWith("line 7: ");
  }

  @Test
  void strayQuotesAndDuplicatesAreRowErrors() throws IOException {
    PeopleFile file = parse("""
        email,first name,last name,aliases
        a@example.eu,A,"Quoted"tail,
        b@example.eu,B,Un"quoted,
        c@example.eu,C,See,shared@example.eu
        C@example.eu,C,Again,
        d@example.eu,D,Dee,shared@example.eu
        e@example.eu,E,Eh,e@example.eu
        """);

    assertThat(file.people()).extracting(Person::email).containsExactly("c@example.eu");
    assertThat(file.errors()).containsExactly(
        new RowError(2, "text after the closing quote of a field"),
        new RowError(3, "a double quote inside an unquoted field (quote the whole field and double the quote)"),
        new RowError(5, "c@example.eu is already used on line 4"),
        new RowError(6, "shared@example.eu is already used on line 4"),
        new RowError(7, "alias e@example.eu is the email itself"));
  }

  @Test
  void quotaUnitsAndLimits() throws IOException {
    PeopleFile file = parse("""
        email,first name,last name,quota
        a@example.eu,A,A,1048576
        b@example.eu,B,B,500M
        c@example.eu,C,C,1 GiB
        d@example.eu,D,D,0
        """);
    assertThat(file.people()).extracting(p -> p.quotaBytes().orElseThrow()).containsExactly(1L << 20, 500L << 20, 1L << 30);
    assertThat(file.errors()).extracting(RowError::line).containsExactly(5);
  }

  @Test
  void anUnusableHeaderFailsTheWholeFile() {
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> parse("email,first name\n")).hasMessageContaining("line 1 (header): the last name column is missing");
    assertThatThrownBy(() -> parse("email,first name,last name,phone\n")).hasMessageContaining("unknown column \"phone\"");
    assertThatThrownBy(() -> parse("email,mail,first name,last name\n")).hasMessageContaining("email appears twice");
  }
}
