namespace NewsPipeline.Core.Tests.Normalisation.Html;

/// <summary>Small hand-written pages shaped like real news pages: furniture around one article.</summary>
internal static class HtmlFixtures
{
    public const string Paragraph1 = "The city council approved next year's budget on Tuesday, after a debate that ran late into the night and ended with a narrow vote.";
    public const string Paragraph2 = "Members of both groups said the compromise protects schools, libraries and the bus network, while delaying the new stadium by a year.";
    public const string Paragraph3 = "The mayor, who had threatened a veto, said she would sign the budget because it keeps the city's reserves above the legal minimum.";
    public const string Subheading = "What happens next";
    public const string Paragraph4 = "The budget now goes to the regional authority, which has thirty days to raise objections, although officials expect none this year.";

    public static string NewsPage(string head = "", string extraBody = "") => $$"""
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <title>Council approves budget after late-night vote | The Daily Example</title>
          {{head}}
          <script>var tracking = "Story text must never include this script";</script>
          <style>.article { color: black; }</style>
        </head>
        <body>
          <header class="site-header"><a href="/">The Daily Example</a>
            <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
          </header>
          <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies to continue reading.</div>
          <main>
            <article class="article">
              <h1>Council approves budget after late-night vote</h1>
              <div class="byline">By Jane Doe and John Roe</div>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email this story</a></div>
              <div class="article-body">
                <p>{{Paragraph1}}</p>
                <p>{{Paragraph2}}</p>
                <div class="ad ad-inline">Advertisement</div>
                <p>{{Paragraph3}}</p>
                <h2>{{Subheading}}</h2>
                <p>{{Paragraph4}}</p>
                {{extraBody}}
              </div>
              <div class="newsletter-signup">Sign up for our morning newsletter and never miss a story from the council chamber again.</div>
              <aside class="related-stories"><h3>Related</h3><ul>
                <li><a href="/a">Stadium plans delayed again as costs rise for the third time</a></li>
                <li><a href="/b">Bus network to get forty new electric buses by the end of next year</a></li>
              </ul></aside>
            </article>
            <section id="comments" class="comments">
              <h3>Comments</h3>
              <div class="comment"><p>Reader One wrote: this is a disgrace, the council should have cut its own salaries first, frankly.</p></div>
              <div class="comment"><p>Reader Two wrote: finally some sense about the buses, I have waited years for this, honestly.</p></div>
            </section>
          </main>
          <footer class="site-footer"><p>Copyright 2024 The Daily Example. All rights reserved. Contact us, privacy policy, terms of use.</p></footer>
        </body>
        </html>
        """;
}
