package eu.sovereignmail.gateway.http.archiveui;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.http.archiveui.internal.SafeHtml;
import org.junit.jupiter.api.Test;

/** Archived HTML and snippets lose everything that could run or load. */
class SafeHtmlTest {
  @Test
  void scriptsHandlersImagesAndLinksAreGone() {
    String clean = SafeHtml.message("""
        <p onclick="alert(1)">Hi <b>there</b><script>alert(2)</script>
        <img src="https://tracker.example/p.png" onerror="alert(3)">
        <a href="javascript:alert(4)">click</a> <a href="https://example.org/x">site</a>
        <iframe src="https://evil.example"></iframe><style>body{display:none}</style>
        <table background="https://x.example/bg.png"><tr><td style="color:red">cell</td></tr></table>
        <form action="https://evil.example"><input name=a></form></p>""");
    assertThat(clean).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onclick")
        .doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<a ")
        .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("iframe")
        .doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase("background")
        .doesNotContainIgnoringCase("style=").doesNotContainIgnoringCase("<form").doesNotContainIgnoringCase("<input");
    assertThat(clean).contains("<b>there</b>").contains("site [https://example.org/x]").contains("click")
        .contains("<td>cell</td>");
  }

  @Test
  void snippetsKeepOnlyEm() {
    assertThat(SafeHtml.snippet("the <em>budget</em> &lt;b&gt; <b onclick=x>bold</b><script>x</script>"))
        .isEqualTo("the <em>budget</em> &lt;b&gt; bold");
  }
}
