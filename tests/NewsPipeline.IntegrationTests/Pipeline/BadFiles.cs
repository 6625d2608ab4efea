using System.Text;

namespace NewsPipeline.IntegrationTests.Pipeline;

internal static class BadFiles
{
    /// <summary>Each kind of broken input the pipeline must reject with a reason, and keep going.</summary>
    public static IReadOnlyDictionary<string, byte[]> All(int overCap) => new Dictionary<string, byte[]>
    {
        ["bad/empty.txt"] = [],
        ["bad/binary.txt"] = [0x00, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10, 0x7F, 0x00, 0x00],
        ["bad/invalid-utf8.txt"] = [.. Encoding.ASCII.GetBytes("Headline here\n\nBody text with a broken byte "), 0xC3, 0x28, .. Encoding.ASCII.GetBytes(" in the middle of it.\n")],
        ["bad/too-big.txt"] = Encoding.ASCII.GetBytes("Big headline\n\n" + new string('a', overCap)),
        ["bad/malformed.json"] = Encoding.UTF8.GetBytes("{\"title\": \"Half a JSON document\", \"body\": \"never closed"),
    };
}
