using System.Text;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

/// <summary>
/// Pages in legacy charsets, written here as C# strings and encoded at test time, read through the normaliser:
/// the title and the body sentence must come out exactly.
/// </summary>
public sealed class LegacyCharsetPageTests
{
    private readonly HtmlArticleNormaliser _normaliser = new();

    static LegacyCharsetPageTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("shift_jis", "Shift_JIS", "東京で新しい図書館が開館", "東京都は月曜日、駅前に新しい図書館を開館したと発表した。蔵書は約十万冊で、平日は夜九時まで利用できる。")]
    [InlineData("shift_jis", "x-sjis", "大阪の地下鉄が運賃を改定", "大阪市交通局は、来年四月から地下鉄の初乗り運賃を十円引き下げると発表した。")]
    [InlineData("shift_jis", "shift-jis", "神戸の港に新しい橋", "神戸市は港の東側に新しい橋を架ける計画を発表した。")]
    [InlineData("shift_jis", "windows-31j", "福岡で花火大会", "福岡市の海岸で花火大会が開かれ、約二万発の花火が夜空を彩った。")]
    [InlineData("euc-jp", "EUC-JP", "札幌で記録的な大雪", "札幌市では昨夜から雪が降り続き、市内の積雪は観測史上最多の百三十センチに達した。")]
    [InlineData("iso-2022-jp", "ISO-2022-JP", "京都の紅葉が見頃に", "京都市内の寺院では紅葉が見頃を迎え、週末には多くの観光客が訪れた。")]
    [InlineData("gb18030", "gb2312", "北京开通新的地铁线路", "北京市政府宣布，新的地铁线路将于下月正式开通，全长三十二公里，设车站二十座。")]
    [InlineData("gb18030", "GBK", "上海举办国际电影节", "第二十届上海国际电影节昨日开幕，来自一百多个国家和地区的影片参加展映。")]
    [InlineData("gb18030", "gb18030", "南汉刘䶮墓考古新发现", "考古人员在广州发掘南汉开国皇帝刘䶮的陵墓，出土了大量珍贵文物。")]
    [InlineData("big5", "big5", "台北捷運新路線通車", "台北市政府宣布，捷運環狀線將於下個月正式通車，預計每日運量可達十萬人次。")]
    [InlineData("euc-kr", "euc-kr", "서울 지하철 새 노선 개통", "서울시는 다음 달부터 새로운 지하철 노선을 개통한다고 밝혔다.")]
    [InlineData("windows-1251", "windows-1251", "Новая линия метро открыта", "Мэрия Москвы сообщила, что новая линия метро откроется в следующем месяце и свяжет три района.")]
    [InlineData("windows-1252", "windows-1252", "Le café “Au Bon Coin” rouvre", "Le café rouvre ses portes à Noël après des années de travaux ; l’addition moyenne passe à 12 €.")]
    [InlineData("windows-1252", "latin1", "Ça coûte cher", "La mairie a annoncé que le prix du ticket passera de 1,90 € à 2,10 € dès le mois prochain.")]
    [InlineData("windows-1252", "ascii", "Crème brûlée à l’école", "Les cantines scolaires serviront une crème brûlée maison chaque vendredi, a précisé l’adjointe.")]
    [InlineData("iso-8859-2", "ISO-8859-2", "Nowa linia tramwajowa w Łodzi", "Władze miasta poinformowały, że nowa linia tramwajowa połączy dworzec z osiedlem Żabieniec już w przyszłym roku.")]
    [InlineData("iso-8859-2", "latin2", "Příliš žluťoučký kůň", "Městská rada schválila rozpočet, podle něhož se příští rok opraví most přes řeku a dvě školy.")]
    public void Normalise_PageInDeclaredCharset_TitleAndBodyExact(string encoding, string label, string title, string body)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(HttpEquivPage(label, title, body));

        var article = Extract(bytes);

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("windows-1251")]
    [InlineData("iso-8859-2")]
    public void Normalise_MetaCharsetAttribute_DecodesAsDeclared(string encoding)
    {
        var (title, body) = encoding switch
        {
            "shift_jis" => ("名古屋で新しい美術館", "名古屋市は新しい美術館の建設を始めたと発表した。"),
            "windows-1251" => ("Киев готовится к зиме", "Городские власти заявили, что отопительный сезон начнётся раньше обычного."),
            _ => ("Kraków: remont mostu", "Remont mostu potrwa dwa lata, a objazdy wyznaczono przez sąsiednie ulice."),
        };
        var bytes = Encoding.GetEncoding(encoding).GetBytes(MetaCharsetPage(encoding, title, body));

        var article = Extract(bytes);

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Fact]
    public void Normalise_Utf8BytesDeclaringGb2312_ReadsUtf8()
    {
        const string title = "广州发布新的城市规划";
        const string body = "广州市政府昨日发布新的城市总体规划，计划在十年内新建三十所学校和五座公园。";

        var article = Extract(Encoding.UTF8.GetBytes(HttpEquivPage("gb2312", title, body)));

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Fact]
    public void Normalise_Utf8BomAndMetaWindows1251_BomWins()
    {
        const string title = "Новости дня";
        const string body = "Городской совет утвердил бюджет на следующий год после долгих обсуждений.";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MetaCharsetPage("windows-1251", title, body))).ToArray();

        var article = Extract(bytes);

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Fact]
    public void Normalise_Utf16BomAndMetaShiftJis_BomWins()
    {
        const string title = "東京の天気";
        const string body = "東京では明日、朝から雨が降り、午後には風も強まる見込みだ。";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(MetaCharsetPage("shift_jis", title, body))).ToArray();

        var article = Extract(bytes);

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Fact]
    public void Normalise_ShiftJisPageWithOneBrokenByte_StaysShiftJis()
    {
        const string title = "横浜港に大型客船が入港";
        const string body = "横浜港に世界最大級の客船が初めて入港し、多くの市民が岸壁で出迎えた。船は三日間停泊する予定だ。";
        const string broken = "港の周辺では交通規制が行われた。";
        var page = Encoding.GetEncoding("shift_jis").GetBytes(HttpEquivPage("shift_jis", title, body, "<p>" + broken + "</p>")).ToList();
        // A lead byte followed by '<' (not a trail byte): one undecodable sequence in an otherwise clean page.
        page.Insert(IndexOf(page, Encoding.GetEncoding("shift_jis").GetBytes(broken + "</p>")) + Encoding.GetEncoding("shift_jis").GetByteCount(broken), 0x82);

        var article = Extract(page.ToArray());

        Assert.Equal(title, article.Title);
        Assert.StartsWith(body, article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_DeclaredEucJpButBytesAreWindows1252_FallsBackToWindows1252()
    {
        // Accented letters followed by ASCII are never valid EUC-JP, so the declaration errs on most of them.
        const string title = "Réunion du conseil municipal";
        const string body = "Le conseil a voté à l’unanimité la rénovation de l’école élémentaire et du gymnase.";

        var article = Extract(Encoding.GetEncoding(1252).GetBytes(HttpEquivPage("euc-jp", title, body)));

        Assert.Equal(title, article.Title);
        Assert.Equal(body, article.Body);
    }

    [Fact]
    public void Normalise_UndeclaredUtf8WithOneStrayLatin1Byte_StaysUtf8()
    {
        const string title = "Élection à Besançon";
        const string body = "Les électeurs de Besançon ont élu leur maire dès le premier tour, une première depuis vingt ans, a noté la préfecture.";
        var html = HttpEquivPage(null, title, body, "<p>Prix : 5 X</p>");
        var bytes = Encoding.UTF8.GetBytes(html);
        // One windows-1252 byte (an 'é' pasted from an old system) in a page that is otherwise UTF-8.
        bytes[Array.LastIndexOf(bytes, (byte)'X')] = 0xE9;

        var article = Extract(bytes);

        Assert.Equal(title, article.Title);
        Assert.StartsWith(body, article.Body, StringComparison.Ordinal);
    }

    private static string HttpEquivPage(string? label, string title, string body, string extra = "") =>
        Page(label is null ? "" : $"""<meta http-equiv="Content-Type" content="text/html; charset={label}">""", title, body, extra);

    private static string MetaCharsetPage(string label, string title, string body) => Page($"""<meta charset="{label}">""", title, body, "");

    private static string Page(string meta, string title, string body, string extra) => $"""
        <!DOCTYPE html>
        <html>
        <head>
        {meta}
        <title>{title}</title>
        </head>
        <body>
        <div class="nav"><a href="/">Home</a></div>
        <article><p>{body}</p>{extra}</article>
        </body>
        </html>
        """;

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            if (haystack.Skip(i).Take(needle.Length).SequenceEqual(needle))
                return i;
        }
        throw new InvalidOperationException("needle not found");
    }

    private NormalisedArticle Extract(byte[] bytes)
    {
        var result = _normaliser.Normalise(bytes);
        Assert.True(result.IsSuccess, result.Error);
        return result.Article!;
    }
}
