namespace NewsPipeline.Core.Classification;

/// <summary>
/// Distinct words of one text (by 32-bit hash) with their weighted count and first position, so a word repeated
/// twenty times in an article has its character n-grams hashed once, not twenty times.
/// </summary>
internal sealed class WordCounts
{
    private long[] _keys = new long[512];
    private float[] _values = new float[512];
    private int[] _starts = new int[512];
    private int[] _used = new int[512];
    private int _count;

    public int Count => _count;

    public void Add(uint hash, int start, float amount)
    {
        var mask = _keys.Length - 1;
        var stored = hash | (1L << 32);
        var slot = (int)(hash * 0x9E3779B1u >> 7) & mask;
        while (true)
        {
            var k = _keys[slot];
            if (k == stored)
            {
                _values[slot] += amount;
                return;
            }
            if (k == 0) break;
            slot = (slot + 1) & mask;
        }
        _keys[slot] = stored;
        _values[slot] = amount;
        _starts[slot] = start;
        _used[_count++] = slot;
        if (_count * 2 > _keys.Length) Grow();
    }

    public (uint Hash, int Start, float Count) At(int i)
    {
        var slot = _used[i];
        return ((uint)_keys[slot], _starts[slot], _values[slot]);
    }

    public void Clear()
    {
        for (var i = 0; i < _count; i++) _keys[_used[i]] = 0;
        _count = 0;
    }

    private void Grow()
    {
        var (keys, values, starts, used, n) = (_keys, _values, _starts, _used, _count);
        _keys = new long[keys.Length * 2];
        _values = new float[keys.Length * 2];
        _starts = new int[keys.Length * 2];
        _used = new int[keys.Length * 2];
        _count = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = used[i];
            Add((uint)keys[slot], starts[slot], values[slot]);
        }
    }
}
