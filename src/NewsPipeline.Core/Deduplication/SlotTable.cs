namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// Open-addressing multi-map from a 64-bit key to slot numbers, 4 bytes per entry: the low 24 bits hold slot + 1
/// (0 = empty), the high 8 bits a tag from the key's hash, so a probe skips almost every foreign entry without
/// touching the slot's data. Keys are not stored: the owner recomputes a slot's key (<paramref name="keyOf"/>) when
/// an entry has to move (deletion by backward shift, resize). Linear probing keeps probes in one cache line.
/// </summary>
internal sealed class SlotTable(Func<int, ulong> keyOf)
{
    private const double MaxLoad = 0.8;
    private uint[] _entries = new uint[16];
    private int _count;

    public int Count => _count;

    public long Bytes => (long)_entries.Length * sizeof(uint);

    public void Clear(int expected)
    {
        _entries = new uint[Math.Max(16, (int)Math.Min(int.MaxValue - 64, expected / MaxLoad + 1))];
        _count = 0;
    }

    public void Add(ulong key, int slot)
    {
        if (_count + 1 > _entries.Length * MaxLoad)
            Resize(_entries.Length * 2);
        var hash = Fingerprinter.Mix(key);
        var i = Home(hash, _entries.Length);
        while (_entries[i] != 0)
            i = Next(i);
        _entries[i] = Entry(hash, slot);
        _count++;
    }

    /// <summary>Adds to <paramref name="found"/> every slot whose tag matches the key (the caller checks the key itself).</summary>
    public void Find(ulong key, List<int> found)
    {
        var hash = Fingerprinter.Mix(key);
        var tag = Tag(hash);
        for (var i = Home(hash, _entries.Length); _entries[i] != 0; i = Next(i))
        {
            if (_entries[i] >> 24 == tag)
                found.Add((int)(_entries[i] & 0xFFFFFF) - 1);
        }
    }

    public bool Remove(ulong key, int slot)
    {
        var hash = Fingerprinter.Mix(key);
        var wanted = Entry(hash, slot);
        var i = Home(hash, _entries.Length);
        for (; _entries[i] != wanted; i = Next(i))
        {
            if (_entries[i] == 0)
                return false;
        }
        // Backward shift: pull later entries of the same run into the hole, unless that would move one before its home.
        var hole = i;
        for (var j = Next(i); _entries[j] != 0; j = Next(j))
        {
            var home = Home(Fingerprinter.Mix(keyOf((int)(_entries[j] & 0xFFFFFF) - 1)), _entries.Length);
            var fits = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (fits)
            {
                _entries[hole] = _entries[j];
                hole = j;
            }
        }
        _entries[hole] = 0;
        _count--;
        return true;
    }

    private void Resize(int size)
    {
        var old = _entries;
        _entries = new uint[size];
        foreach (var entry in old)
        {
            if (entry == 0)
                continue;
            var i = Home(Fingerprinter.Mix(keyOf((int)(entry & 0xFFFFFF) - 1)), size);
            while (_entries[i] != 0)
                i = Next(i);
            _entries[i] = entry;
        }
    }

    private static uint Tag(ulong hash) => (uint)(hash >> 56);

    private static uint Entry(ulong hash, int slot) => Tag(hash) << 24 | (uint)(slot + 1);

    // Multiply-shift range reduction: any table size works, so tables are not rounded up to a power of two.
    private static int Home(ulong hash, int size) => (int)(((hash & 0xFFFFFFFF) * (ulong)size) >> 32);

    private int Next(int i) => ++i == _entries.Length ? 0 : i;
}
