using System.Buffers;
using System.Globalization;
using System.Text;

namespace NewsPipeline.Watcher;

/// <summary>
/// Names the pipeline can carry: valid UTF-8 without control characters. A name that is not valid UTF-8 (a Latin-1
/// client's "café") cannot even be opened through .NET, which decodes its stray bytes to U+FFFD; a newline in a name
/// would forge lines in every plain-text log and listing. Such a name is renamed where it lies, each offending byte
/// written as %XX ("caf\xE9.txt" becomes "caf%E9.txt", "a\nb.txt" becomes "a%0Ab.txt"), and then goes its way like any
/// other file; nothing is lost and the original bytes can be read off the new name.
/// </summary>
internal static class SafeNames
{
    /// <summary>True when a name as .NET decoded it holds characters that must not travel (a control character).</summary>
    public static bool HasControl(string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsUnsafe(rune))
                return true;
        }
        return false;
    }

    /// <summary>The name for logs when it cannot be renamed: control characters and U+FFFD as \uXXXX.</summary>
    public static string ForLog(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsUnsafe(rune) || rune.Value == 0xFFFD)
                text.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            else
                text.Append(rune.ToString());
        }
        return text.ToString();
    }

    /// <summary>Null when the bytes are a safe name already, else the %XX form.</summary>
    public static string? SafeForm(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder(name.Length);
        var changed = false;
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
            if (status == OperationStatus.Done && !IsUnsafe(rune))
                text.Append(rune.ToString());
            else
            {
                changed = true;
                foreach (var b in name[..consumed])
                    text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
            name = name[consumed..];
        }
        return changed ? text.ToString() : null;
    }

    /// <summary>
    /// Renames every visible entry of <paramref name="folder"/> whose name is not safe (Linux: names as bytes): folders,
    /// and files whose new name <paramref name="taken"/> says would be taken (a file the watcher leaves alone keeps its
    /// name). Returns what was renamed and what could not be (the errno), the new name either way.
    /// </summary>
    public static List<(string SafeName, int? Errno)> RenameUnsafe(string folder, Func<string, bool> taken)
    {
        var done = new List<(string, int?)>();
        foreach (var (name, isFolder) in LinuxFiles.ListNames(folder))
        {
            if (name is [(byte)'.', ..] || SafeForm(name) is not { } safe || !(isFolder || taken(safe)))
                continue; // hidden: never taken, so never renamed
            var target = FreeName(folder, safe);
            done.Add((target, LinuxFiles.Rename(folder, name, target)));
        }
        return done;
    }

    private static string FreeName(string folder, string name)
    {
        if (!InboxWatcher.Exists(Path.Combine(folder, name)))
            return name;
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem} ({n}){extension}";
            if (!InboxWatcher.Exists(Path.Combine(folder, candidate)))
                return candidate;
        }
    }

    // C0, DEL, C1 and the Unicode line and paragraph separators: each ends or rewrites a line somewhere.
    private static bool IsUnsafe(Rune rune) => Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029;
}
