package eu.sovereignmail.archive.message.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HTML bodies become the text a reader sees: no scripts, styles, comments, markup or hidden head content. */
class HtmlTextTest {

  @Test
  void keepsVisibleTextAndDropsActiveContent() {
    String html = """
        <html><head><title>secret title</title><style>body{color:red}</style>
        <script>alert('x')</script></head>
        <body onload="steal()"><p>Dear <b>Lea</b>,</p><!-- hidden comment -->
        <div>the budget is <a href="javascript:evil()">attached</a></div>
        <iframe src="https://tracker.example/">frame text</iframe>
        <form><input value="typed"></form><script>document.write('injected')</script>
        <ul><li>one</li><li>two</li></ul><img src="x" alt="pixel"></body></html>
        """;

    String text = HtmlText.toText(html, 10_000);

    assertThat(text).isEqualTo("Dear Lea,\nthe budget is attached\none\ntwo");
    assertThat(text).doesNotContain("alert", "color", "secret title", "hidden comment", "injected", "steal", "<", "pixel");
  }

  @Test
  void decodesEntitiesAndCollapsesWhitespace() {
    assertThat(HtmlText.toText("<p>caf&eacute;   &amp;\n\n  cr&egrave;me &lt;b&gt;</p>", 100))
        .isEqualTo("café & crème <b>");
  }

  @Test
  void survivesBrokenMarkupAndStopsAtTheLimit() {
    assertThat(HtmlText.toText("<div><p>unclosed <b>bold <table><tr><td>cell", 100)).isEqualTo("unclosed bold\ncell");
    assertThat(HtmlText.toText("<p>" + "word ".repeat(1000) + "</p>", 50)).hasSize(50);
    assertThat(HtmlText.toText("", 10)).isEmpty();
  }
}
