using System.Text;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

public sealed class CharsetPrescanTests
{
    [Theory]
    [InlineData("""<meta charset="shift_jis">""", 932)]
    [InlineData("""<META CHARSET=EUC-JP>""", 51932)]
    [InlineData("""<meta charset='gbk'/>""", 54936)]
    [InlineData("""<meta http-equiv="Content-Type" content="text/html; charset=gb2312">""", 54936)]
    [InlineData("""<meta content="text/html;charset=x-sjis" http-equiv="content-type">""", 932)]
    [InlineData("""<meta http-equiv=Content-Type content='text/html; charset="big5"'>""", 950)]
    [InlineData("""<meta charset="  latin1 ">""", 1252)]
    [InlineData("""<meta charset="ISO-8859-1">""", 1252)]
    [InlineData("""<meta charset="us-ascii">""", 1252)]
    [InlineData("""<meta charset="iso-8859-9">""", 1254)]
    [InlineData("""<meta charset="euc-kr">""", 949)]
    [InlineData("""<meta charset="utf-16">""", 65001)]
    [InlineData("""<meta charset="x-user-defined">""", 1252)]
    [InlineData("""<meta charset="koi8-r">""", 20866)]
    public void Find_Declaration_WhatwgCodePage(string head, int expected)
    {
        Assert.Equal(expected, CharsetPrescan.Find(Encoding.ASCII.GetBytes("<!DOCTYPE html><html><head>" + head + "<title>x</title>")));
    }

    [Theory]
    [InlineData("""<!-- <meta charset="shift_jis"> --><meta charset="windows-1251">""", 1251)]
    [InlineData("""<script data-x="<meta charset=shift_jis>"></script><meta charset="windows-1251">""", 1251)]
    [InlineData("""<meta name="description" content="charset=shift_jis"><meta charset="windows-1251">""", 1251)]
    [InlineData("""<meta charset="no-such-charset"><meta charset="windows-1251">""", 1251)]
    [InlineData("""<meta charset="windows-1251" charset="shift_jis">""", 1251)]
    [InlineData("""<meta charset="windows-1251"><meta charset="shift_jis">""", 1251)]
    public void Find_SkipsWhatIsNotADeclaration_FirstRealOne(string head, int expected)
    {
        Assert.Equal(expected, CharsetPrescan.Find(Encoding.ASCII.GetBytes(head)));
    }

    [Theory]
    [InlineData("""<meta content="text/html; charset=shift_jis">""")]
    [InlineData("""<meta charset="iso-2022-kr">""")]
    [InlineData("""<p>charset=shift_jis</p>""")]
    [InlineData("""<!-- <meta charset="shift_jis">""")]
    [InlineData("")]
    public void Find_NothingUsableDeclared_Null(string head)
    {
        Assert.Null(CharsetPrescan.Find(Encoding.ASCII.GetBytes(head)));
    }
}
