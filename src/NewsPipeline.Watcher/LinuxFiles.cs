using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace NewsPipeline.Watcher;

/// <summary>
/// The few file facts .NET does not give, from glibc on Linux: names as bytes (a name that is not valid UTF-8 cannot
/// be opened through .NET, which decodes it to U+FFFD), link count and device (statx, whose layout is the same on
/// every architecture), and whether a file is open for writing (a read lease is refused while it is). Elsewhere every
/// answer is "unknown" and the watcher falls back to what .NET sees.
/// </summary>
internal static partial class LinuxFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000; // same values on x64 and arm64
    private const int FSetLease = 1024, FRdLck = 0, FUnlck = 2;
    private const int Eagain = 11;

    /// <summary>Device and inode: a folder removed and created again is another folder.</summary>
    public readonly record struct Identity(ulong Device, ulong Inode, uint Links);

    /// <summary>The entry itself (a link is not followed); null where unknown (not Linux, missing, no statx).</summary>
    public static Identity? Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, Bytes(path), AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
                return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        var links = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16));
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        return new Identity(device, inode, links);
    }

    /// <summary>
    /// True when some process (this one included) has the file open for writing: the kernel refuses a read lease then.
    /// False when it has not, or when that cannot be told (not Linux, not the file's owner without CAP_LEASE, a file
    /// system without leases such as NFS): then stability alone decides.
    /// </summary>
    public static bool IsOpenForWriting(string path)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            var fd = Open(Bytes(path), ORdOnly | ONonBlock | OCloExec);
            if (fd < 0)
                return false;
            try
            {
                if (Fcntl(fd, FSetLease, FRdLck) == 0)
                {
                    _ = Fcntl(fd, FSetLease, FUnlck);
                    return false;
                }
                return Marshal.GetLastPInvokeError() == Eagain;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The names of a folder's entries as the bytes on disk ("." and ".." left out); empty where unknown.</summary>
    public static List<(byte[] Name, bool IsFolder)> ListNames(string folder)
    {
        var names = new List<(byte[], bool)>();
        if (!OperatingSystem.IsLinux())
            return names;
        var dir = OpenDir(Bytes(folder));
        if (dir == 0)
            return names;
        try
        {
            // glibc's struct dirent: d_ino (8), d_off (8), d_reclen (2), d_type (1), then d_name, NUL-terminated.
            const int typeOffset = 18, nameOffset = 19, DirectoryType = 4;
            nint entry;
            while ((entry = ReadDir(dir)) != 0)
            {
                var length = 0;
                while (Marshal.ReadByte(entry, nameOffset + length) != 0)
                    length++;
                var name = new byte[length];
                Marshal.Copy(entry + nameOffset, name, 0, length);
                if (name is not ([(byte)'.'] or [(byte)'.', (byte)'.']))
                    names.Add((name, Marshal.ReadByte(entry, typeOffset) == DirectoryType));
            }
        }
        finally
        {
            _ = CloseDir(dir);
        }
        return names;
    }

    /// <summary>rename(2) of an entry named by bytes in <paramref name="folder"/>; null on success, else the errno.</summary>
    public static int? Rename(string folder, byte[] from, string to)
    {
        var prefix = Encoding.UTF8.GetBytes(folder.TrimEnd('/') + "/");
        var source = new byte[prefix.Length + from.Length + 1];
        prefix.CopyTo(source, 0);
        from.CopyTo(source, prefix.Length);
        return RenameBytes(source, Bytes(Path.Combine(folder, to))) == 0 ? null : Marshal.GetLastPInvokeError();
    }

    private static byte[] Bytes(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int dirFd, byte[] path, int flags, uint mask, byte[] buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open(byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static partial nint OpenDir(byte[] path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial nint ReadDir(nint dir);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint dir);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static partial int RenameBytes(byte[] oldPath, byte[] newPath);
}
