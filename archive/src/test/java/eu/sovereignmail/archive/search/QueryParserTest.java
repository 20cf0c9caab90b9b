package eu.sovereignmail.archive.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The query language on its own: what each form parses to, and where each mistake is reported. */
class QueryParserTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      budget                               | "budget"
      budget meeting                       | ("budget" "meeting")
      '"exact phrase"'                     | "exact phrase"
      from:alice                           | from:"alice"
      FROM:alice@example.eu                | from:"alice@example.eu"
      to:bob cc:carol bcc:dan              | (to:"bob" cc:"carol" bcc:"dan")
      participant:lea                      | participant:"lea"
      'subject:"budget 2025"'              | subject:"budget 2025"
      body:evidence                        | body:"evidence"
      attachment:invoice                   | attachment:"invoice"
      filename:report.pdf                  | filename:"report.pdf"
      has:attachment                       | has:attachment
      HAS:Attachments                      | has:attachment
      after:2025-01-01                     | date:[2025-01-01,*)
      before:2025-02                       | date:[*,2025-02-01)
      on:2025-03-04                        | date:[2025-03-04,2025-03-05)
      on:2024                              | date:[2024-01-01,2025-01-01)
      on:2025/3/4                          | date:[2025-03-04,2025-03-05)
      size>10k                             | size:[10241,*]
      size>=10k                            | size:[10240,*]
      size<1m                              | size:[0,1048575]
      size<=2                              | size:[0,2]
      size:>1.5kb                          | size:[1537,*]
      direction:inbound                    | direction:inbound
      direction:OUT                        | direction:outbound
      messageid:<a1@example.eu>            | messageid:"<a1@example.eu>"
      budg*                                | budg*
      subject:budg*                        | subject:budg*
      a OR b                               | ("a" OR "b")
      a b OR c                             | (("a" "b") OR "c")
      a (b OR c)                           | ("a" ("b" OR "c"))
      -draft                               | -"draft"
      NOT draft                            | -"draft"
      budget -subject:draft                | ("budget" -subject:"draft")
      a AND b                              | ("a" "b")
      -(a OR b)                            | -("a" OR "b")
      ((a))                                | "a"
      or and not                           | ("or" "and" "not")
      10:30                                | "10:30"
      'from:alice to:bob subject:"budget" after:2025-01-01 has:attachment "exact phrase" -draft' | (from:"alice" to:"bob" subject:"budget" date:[2025-01-01,*) has:attachment "exact phrase" -"draft")
      """)
  void parses(String query, String rendered) {
    assertThat(QueryParser.parse(query).render()).isEqualTo(rendered);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      ''                        | 0  | empty
      '   '                     | 0  | empty
      '"unclosed'               | 0  | quote is not closed
      'from:"unclosed'          | 5  | quote is not closed
      '""'                      | 0  | quotes are empty
      '(a b'                    | 0  | '(' is not closed
      'a (b (c)'                | 2  | '(' is not closed
      'a b)'                    | 3  | no matching '('
      '()'                      | 1  | parentheses are empty
      'OR a'                    | 0  | OR needs a term before it
      'a OR'                    | 2  | OR needs a term after it
      'a OR OR b'               | 2  | OR needs a term after it
      'a AND'                   | 2  | AND needs a term
      '- a'                     | 0  | must be followed by a term
      'a -'                     | 2  | must be followed by a term
      'NOT'                     | 0  | must be followed by a term
      'from:'                   | 5  | needs a value
      'budget subject: x'       | 15 | needs a value
      'foo:bar'                 | 0  | unknown operator 'foo:'
      'has:pdf'                 | 4  | has: knows only
      'after:2025-13-01'        | 6  | not a date
      'x before:yesterday'      | 9  | not a date
      'on:"2025"'               | 3  | not a date
      'size>ten'                | 5  | a size is a number
      'size:10k'                | 0  | write a size as
      'size<0'                  | 5  | smaller than 0
      'direction:sideways'      | 10 | inbound, outbound or internal
      'subject:@@'              | 8  | no letters or digits
      '*'                       | 0  | needs at least two letters
      'a*b*'                    | 0  | needs at least two letters
      'x-y*'                    | 0  | only letters and digits
      """)
  void reportsWhereTheMistakeIs(String query, int position, String reason) {
    QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(query));
    assertThat(e).as(query).isNotNull();
    assertThat(e.reason()).contains(reason);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).endsWith("(at position " + (position + 1) + ")");
  }

  @Test
  void pointerShowsTheProblemUnderTheQuery() {
    String query = "from:alice after:2025-99-01";
    QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> QueryParser.parse(query));
    assertThat(e.pointer(query)).isEqualTo(query + "\n" + " ".repeat(17) + "^");
  }

  @Test
  void refusesOverlongAndOverdeepQueries() {
    assertThatThrownBy(() -> QueryParser.parse("a ".repeat(1_001))).isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> QueryParser.parse("(".repeat(40) + "a" + ")".repeat(40)))
        .isInstanceOf(QuerySyntaxException.class).hasMessageContaining("nests deeper");
    assertThatThrownBy(() -> QueryParser.parse("w ".repeat(101))).isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("more than 100 terms");
  }

  @Test
  void keepsTermPositions() {
    QueryNode.All all = (QueryNode.All) QueryParser.parse("alpha  from:bob (c OR d)");
    assertThat(((QueryNode.Text) all.parts().get(0)).position()).isZero();
    assertThat(((QueryNode.Text) all.parts().get(1)).position()).isEqualTo(7);
  }
}
