namespace NewsPipeline.Core.Classification;

/// <summary>
/// Open-addressing table of feature bucket → accumulated count, reused per thread so classification allocates
/// nothing per call. Keys are stored +1 so 0 marks an empty slot; only used slots are cleared afterwards.
/// </summary>
internal sealed class FeatureCounts
{
    private int[] _keys = new int[1024];
    private float[] _values = new float[1024];
    private int[] _used = new int[1024];
    private int _count;

    public int Count => _count;

    public void Add(int key, float amount)
    {
        var mask = _keys.Length - 1;
        var stored = key + 1;
        var slot = (int)((uint)stored * 0x9E3779B1u >> 8) & mask;
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
        _used[_count++] = slot;
        if (_count * 2 > _keys.Length) Grow();
    }

    /// <summary>The i-th distinct key in insertion order, and its accumulated count.</summary>
    public (int Key, float Value) At(int i)
    {
        var slot = _used[i];
        return (_keys[slot] - 1, _values[slot]);
    }

    public void Clear()
    {
        for (var i = 0; i < _count; i++) _keys[_used[i]] = 0;
        _count = 0;
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldValues = _values;
        var oldUsed = _used;
        var n = _count;
        _keys = new int[oldKeys.Length * 2];
        _values = new float[oldKeys.Length * 2];
        _used = new int[oldKeys.Length * 2];
        _count = 0;
        for (var i = 0; i < n; i++)
        {
            var slot = oldUsed[i];
            Add(oldKeys[slot] - 1, oldValues[slot]);
        }
    }
}
