using System.Text;

namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// All file names of the index as UTF-8 in shared 64 KiB chunks, addressed by a 4-byte position (chunk number in the
/// high 16 bits, offset in the low 16) plus a length: one byte[] per article cost a 24-byte object header and a
/// pointer on top of the bytes. Names are appended in arrival order, so when the ring evicts the oldest articles
/// whole chunks empty out; a chunk is freed (and its array reused) when its last name is released. A name longer
/// than a chunk gets a chunk of its own. Not thread-safe, like its owner.
/// </summary>
internal sealed class NameArena
{
    internal const int ChunkSize = 1 << 16;
    private const int MaxChunks = 1 << 16;
    private const int MaxSpares = 4;

    private readonly List<byte[]?> _chunks = [];
    private readonly List<int> _liveNames = [];     // per chunk: names not yet released
    private readonly Stack<int> _freeChunks = new(); // chunk numbers whose array was released
    private readonly Stack<byte[]> _spares = new();  // emptied standard chunks kept for reuse (no GC churn on wrap)
    private int _current = -1;                       // chunk being appended to
    private int _end = ChunkSize;                    // append offset in it (full until the first name)
    private long _bytes;

    /// <summary>Bytes held by the chunk arrays (live names, holes left by removals, and the unfilled tail).</summary>
    public long Bytes => _bytes;

    public int ChunkCount => _chunks.Count - _freeChunks.Count;

    public (uint Position, int Length) Add(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        int chunk;
        int offset;
        if (length > ChunkSize)
        {
            chunk = NewChunk(new byte[length]);
            offset = 0;
        }
        else
        {
            if (_end + length > ChunkSize)
            {
                var previous = _current;
                _current = NewChunk(_spares.Count > 0 ? _spares.Pop() : new byte[ChunkSize]);
                _end = 0;
                // The chunk left behind may already be empty (all its names removed): nothing else would free it.
                if (previous >= 0 && _liveNames[previous] == 0)
                    FreeChunk(previous);
            }
            chunk = _current;
            offset = _end;
            _end += length;
        }
        Encoding.UTF8.GetBytes(name, _chunks[chunk].AsSpan(offset, length));
        _liveNames[chunk]++;
        return ((uint)chunk << 16 | (uint)offset, length);
    }

    public string Get(uint position, int length) =>
        Encoding.UTF8.GetString(_chunks[(int)(position >> 16)].AsSpan((int)(position & 0xFFFF), length));

    public void Release(uint position)
    {
        var chunk = (int)(position >> 16);
        // The chunk being appended to stays, even when empty: the next names go there.
        if (--_liveNames[chunk] == 0 && chunk != _current)
            FreeChunk(chunk);
    }

    private int NewChunk(byte[] array)
    {
        int chunk;
        if (_freeChunks.Count > 0)
        {
            chunk = _freeChunks.Pop();
            _chunks[chunk] = array;
        }
        else
        {
            if (_chunks.Count == MaxChunks)
                throw new InvalidOperationException("The file-name arena is full (4 GiB of names).");
            chunk = _chunks.Count;
            _chunks.Add(array);
            _liveNames.Add(0);
        }
        _bytes += array.Length;
        return chunk;
    }

    private void FreeChunk(int chunk)
    {
        var array = _chunks[chunk]!;
        if (array.Length == ChunkSize && _spares.Count < MaxSpares)
            _spares.Push(array);
        _bytes -= array.Length;
        _chunks[chunk] = null;
        _freeChunks.Push(chunk);
    }
}
